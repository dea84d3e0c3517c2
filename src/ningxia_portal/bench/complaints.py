"""The complaints domain: complaints of generated enterprises, handled by generated handlers.

Each complaint is the app's ``Complaint`` about a department of a center, made by a generated
enterprise, moved through the app's own workflow engine (``record_transition`` of the demo
loader: history, revision, the rating) as far as its age allows, then placed with
``Complaints.add_complaint`` so the catalog indexes it once, in its final state. Every center
gets one handler, ``bench_handler_<center>``, granted ``complaint_handler`` on it (the
bench's complaint queue is 640100's). Complaints are spread over the year before today;
the first enterprise (``qy00001``, the bench's "my complaints") and 640100 get a heavy share.
Attachments are left out, as the filings' files are. A re-run tops up to the count given.
"""

import random
from datetime import timedelta
from itertools import islice

from pyramid.threadlocal import get_current_registry

from ningxia_portal.accounts.resources import KIND_STAFF, User
from ningxia_portal.bench import accounts
from ningxia_portal.complaints.demo import DEMO_COMPLAINTS, record_transition
from ningxia_portal.complaints.resources import MINE_LIST, Complaint
from ningxia_portal.complaints.workflow import DISSATISFIED, FAIRLY_SATISFIED, SATISFIED
from ningxia_portal.core.clock import get_clock
from ningxia_portal.security.permissions import Roles

HANDLER_PREFIX = "bench_handler_"
SAMPLE_CENTER = "640100"
HEAVY_SHARE = 0.02  # of all complaints: the first enterprise's, and 640100's
YEAR_DAYS = 365
# Persistent objects of one complaint: itself, its history list and its file list.
COMPLAINT_OBJECTS = 3
REPLIES = (
    "经核实，已责成相关窗口整改，感谢您的监督。",
    "已与被投诉部门沟通，相关事项已于当日办结。",
    "经调查，投诉情况部分属实，已对相关人员批评教育。",
)
SCORES = (SATISFIED, SATISFIED, FAIRLY_SATISFIED, DISSATISFIED)


def enterprise_names(principals, limit=None):
    """The generated enterprises' usernames, in order (``qy00001`` first)."""
    prefix = accounts.ENTERPRISE_PREFIX
    return list(islice(principals.keys(min=prefix, max=prefix + "\uffff"), limit))


def handler_name(center_code):
    return f"{HANDLER_PREFIX}{center_code}"


def ensure_handlers(root, writer):
    """One handler per center, granted on it (made once)."""
    principals = root["principals"]
    now = get_clock(get_current_registry()).now()
    password_hash = None
    for code in root["centers"]:
        name = handler_name(code)
        if name in principals:
            continue
        if password_hash is None:
            password_hash = accounts._shared_hash()
        user = User(name, password_hash, KIND_STAFF, f"投诉处理{code}", now)
        user.grants = ((Roles.COMPLAINT_HANDLER.value, code),)
        principals.add_user(user)
        writer.added(1)


def moves_for(rng, age_days):
    """The handling a complaint of this age has had: the older, the further it went."""
    if age_days < 2:
        return ()
    if age_days < 7:
        return rng.choice(((), (("take", ""),)))
    reply = ("reply", rng.choice(REPLIES))
    roll = rng.random()
    if roll < 0.1:
        return (("take", ""),)
    if roll < 0.4:
        return (("take", ""), reply)
    if roll < 0.6:
        return (("take", ""), reply, ("close", ""))
    return (("take", ""), reply, ("rate", rng.choice(SCORES)))


def generate(root, count, writer, seed=17):
    """Add complaints until there are ``count`` of them; returns how many were written."""
    complaints = root["complaints"]
    have = len(complaints)
    if have >= count:
        return 0
    principals = root["principals"]
    enterprises = [principals[n] for n in enterprise_names(principals)]
    centers = [c for c in root["centers"].values() if len(c)]
    if not enterprises or not centers:
        return 0
    ensure_handlers(root, writer)
    rng = random.Random(f"{seed}-{have}")
    sample = root["centers"].get(SAMPLE_CENTER)
    now = get_clock(get_current_registry()).now()
    total = count - have
    # Oldest first: the names' days (and so the container's keys) grow.
    ages = sorted((rng.random() * YEAR_DAYS for _ in range(total)), reverse=True)
    written = 0
    for age in ages:
        heavy = rng.random() < HEAVY_SHARE
        owner = enterprises[0] if heavy or rng.random() < HEAVY_SHARE else rng.choice(enterprises)
        center = sample if sample is not None and rng.random() < HEAVY_SHARE * 10 else None
        center = center or rng.choice(centers)
        department = rng.choice(list(center.values()))
        _code, _dept, _days, subject, content, _moves = rng.choice(DEMO_COMPLAINTS)
        when = now - timedelta(days=age)
        complaint = Complaint(owner, center, department, when)
        complaint.complainant = {
            "name": getattr(owner, "contact", "") or owner.title,
            "phone": getattr(owner, "phone", "") or "13895012345",
            "email": getattr(owner, "email", "") or "",
        }
        complaint.subject, complaint.content = subject, content
        staff = (handler_name(center.code), f"投诉处理{center.code}")
        for step, (name, value) in enumerate(moves_for(rng, age)):
            when += timedelta(hours=6 * (step + 1))
            if name == "rate":
                record_transition(complaint, name, (owner.username, owner.title), "", when, value)
                complaint.set_rating(value, "", when)
            else:
                record_transition(complaint, name, staff, value, when)
        complaints.add_complaint(complaint)
        writer.added(COMPLAINT_OBJECTS)
        written += 1
    return written


def samples(root):
    """The handler of the sample center and a complaint of the first enterprise, for pages."""
    found = {}
    name = handler_name(SAMPLE_CENTER)
    if name in root["principals"]:
        found["handler"] = name
    index = root.catalog.get("complaint_lists") if getattr(root, "catalog", None) else None
    first = enterprise_names(root["principals"], 1)
    if index is not None and first:
        for docid in index.docids([MINE_LIST + first[0]]):
            complaint = root.docmap.get(docid)
            if complaint is not None:
                found["complaint"] = f"/complaints/{complaint.__name__}/"
                break
    return found
