"""The accounts domains: enterprises (企业用户) and reviewers (窗口人员), as the portal makes them.

Accounts are the app's own ``User`` objects added with ``Principals.add_user`` (so the
credit-code index and the catalog are kept as on registration). Enterprises get realistic
names (宁夏贺兰山食品有限公司), a valid unified social credit code (GB 32100-2015) whose
division code is their center's, a legal representative, contact, phone and e-mail. Reviewers
are staff granted ``reviewer`` on one department (``reviewer@640100/scjg``), spread round-robin
over every department of every center, so every department has its window staff.

Passwords are hashed with the hasher the ini chose (bench.ini: the production argon2). One
hash per kind is computed and shared by its accounts: hashing thousands of passwords at
~25 ms each would only slow the generator down, and a login verifies exactly as in
production. The password is ``BENCH_PASSWORD`` (a benchmark database only; never deploy it).
"""

import random

from pyramid.threadlocal import get_current_registry

from ningxia_portal.accounts.credit_code import ALPHABET, check_character
from ningxia_portal.accounts.resources import KIND_ENTERPRISE, KIND_STAFF, User
from ningxia_portal.core.clock import get_clock
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Roles, scope_of

BENCH_PASSWORD = "bench-Passw0rd"  # noqa: S105 - the documented password of generated accounts
ENTERPRISE_PREFIX = "qy"  # 企业: qy00001 …
REVIEWER_PREFIX = "ck"  # 窗口: ck_640100_scjg_1 …

TRADE_NAMES = (
    "贺兰山", "塞上", "六盘山", "沙湖", "黄河", "西夏", "宁安", "汇通", "鑫源", "泰和",
    "金润", "瑞丰", "嘉禾", "众诚", "新锐", "天元", "恒达", "昊宇", "博远", "盛世",
    "长河", "银河", "丝路", "朔方", "凤城", "枸杞红", "星海", "润泽", "兴庆", "灵州",
    "宏图", "华夏", "德盛", "中宁", "贺东", "金沙", "大漠", "绿源", "伊品", "正泰",
)  # fmt: skip
INDUSTRIES = (
    "食品", "建材", "物流", "商贸", "农业科技", "枸杞", "葡萄酒", "新能源", "化工",
    "餐饮管理", "建筑工程", "电子科技", "医药", "环保科技", "文化传媒", "牧业", "乳业",
    "房地产开发", "机械制造", "旅游开发", "信息技术", "供应链管理", "清真食品", "光伏科技",
    "装饰工程", "劳务服务", "汽车销售", "印刷", "粮油", "水务",
)  # fmt: skip
FORMS = ("有限公司", "有限责任公司", "股份有限公司")
SURNAMES = "王李张刘陈杨马黄赵周吴徐孙朱胡郭何高林罗郑梁谢宋唐韩冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"  # noqa: E501
GIVEN = (
    "建国文静海燕志强秀英丽娟明辉晓东玉兰雪梅国庆红霞春生小平立新学军永福桂芳宏伟建华丽萍卫东淑珍"  # noqa: E501
)
# GB 11714 organisation code: characters 0-9 and A-Z valued 0-35, weights of its 8 body chars.
_ORG_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY = "".join(c for c in ALPHABET if c.isalnum())  # letters allowed in a credit code


def person_name(rng):
    given = rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2]) if rng.random() < 0.7 else ""
    return rng.choice(SURNAMES) + (given or rng.choice(GIVEN))


def org_code_check(body8):
    """GB 11714's check character of an organisation code's 8 body characters."""
    c = 11 - sum(_ORG_VALUES[ch] * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(rng, division):
    """A valid unified social credit code of a company (91) registered in ``division``.

    Positions 9–17 are an organisation code as issued since 2015 (``MA`` + 6, GB 11714 check).
    """
    body = "MA" + "".join(rng.choice(_ORG_BODY) for _ in range(6))
    first17 = "91" + division + body + org_code_check(body)
    return first17 + check_character(first17)


def company_name(rng, center_title):
    place = rng.choice(("宁夏", "宁夏", center_title.removesuffix("回族自治区")))
    return place + rng.choice(TRADE_NAMES) + rng.choice(INDUSTRIES) + rng.choice(FORMS)


def count_prefixed(principals, prefix):
    return sum(1 for _ in principals.keys(min=prefix, max=prefix + "\uffff"))


def _shared_hash():
    return get_passwords(get_current_registry()).hash(BENCH_PASSWORD)


def county_centers(root):
    """Centers where enterprises register (counties and cities; the region too, rarely)."""
    centers = list(root["centers"].values())
    return [c for c in centers if c.level != "region"] or centers


def generate_enterprises(root, count, writer, seed=7):
    """Add enterprises ``qy00001``… until there are ``count`` of them; returns how many now."""
    principals = root["principals"]
    have = count_prefixed(principals, ENTERPRISE_PREFIX)
    if have >= count:
        return 0
    rng = random.Random(f"{seed}-{have}")
    password_hash = _shared_hash()
    now = get_clock(get_current_registry()).now()
    centers = county_centers(root)
    names = set()
    written = 0
    for n in range(have + 1, count + 1):
        center = centers[n % len(centers)]
        title = company_name(rng, center.title)
        while title in names:
            title = company_name(rng, center.title)
        names.add(title)
        code = credit_code(rng, center.code)
        while principals.credit_code_taken(code):
            code = credit_code(rng, center.code)
        user = User(f"{ENTERPRISE_PREFIX}{n:05d}", password_hash, KIND_ENTERPRISE, title, now)
        user.credit_code = code
        user.legal_representative = person_name(rng)
        user.contact = person_name(rng)
        user.phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
        user.email = f"service@{ENTERPRISE_PREFIX}{n:05d}.example.cn"
        user.region = center.code
        principals.add_user(user)
        writer.added(1)
        written += 1
    return written


def all_departments(root):
    """Every (center, department), busiest centers first: the region's, then cities', then
    counties', in division-code order."""
    order = {"region": 0, "city": 1}
    centers = sorted(root["centers"].values(), key=lambda c: (order.get(c.level, 2), c.code))
    return [(c, d) for c in centers for d in c.values()]


def reviewer_name(center, dept, k):
    return f"{REVIEWER_PREFIX}_{center.code}_{dept.__name__}_{k}"


def generate_reviewers(root, count, writer, seed=11):
    """Add ``count`` reviewers in all, one per department in turn (a second per department
    once every department has one …), each granted ``reviewer`` on its department."""
    principals = root["principals"]
    have = count_prefixed(principals, REVIEWER_PREFIX + "_")
    if have >= count:
        return 0
    departments = all_departments(root)
    if not departments:
        return 0
    rng = random.Random(f"{seed}-{have}")
    password_hash = _shared_hash()
    now = get_clock(get_current_registry()).now()
    written = 0
    for n in range(have, count):
        center, dept = departments[n % len(departments)]
        user = User(
            reviewer_name(center, dept, n // len(departments) + 1),
            password_hash,
            KIND_STAFF,
            person_name(rng),
            now,
        )
        user.grants = ((Roles.REVIEWER.value, scope_of(center.code, dept.__name__)),)
        principals.add_user(user)
        writer.added(1)
        written += 1
    return written


def first_reviewer(root, department_key):
    """The username of the first generated reviewer of ``<center>/<dept>``, or None."""
    center, _, dept = department_key.partition("/")
    name = f"{REVIEWER_PREFIX}_{center}_{dept}_1"
    return name if name in root["principals"] else None


ADMIN_NAME = "bench_admin"


def ensure_admin(root, writer):
    """An administrator (made once), for the pages only an admin reads: the statistics of
    the whole hall over a year."""
    principals = root["principals"]
    if ADMIN_NAME in principals:
        return 0
    now = get_clock(get_current_registry()).now()
    user = User(ADMIN_NAME, _shared_hash(), KIND_STAFF, "基准管理员", now)
    user.roles = (Roles.ADMIN.value,)
    principals.add_user(user)
    writer.added(1)
    return 1
