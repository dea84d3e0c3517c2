"""Messages (站内消息) of the first generated enterprise: its box holds ``count`` of them,
about its own cases, most read, the newest few unread (the message box page reads it)."""

import random
from datetime import timedelta

from pyramid.threadlocal import get_current_registry

from ningxia_portal.bench import accounts
from ningxia_portal.core.clock import get_clock
from ningxia_portal.messages.resources import Message

UNREAD = 12  # the newest messages stay unread


def first_enterprise(principals):
    prefix = accounts.ENTERPRISE_PREFIX
    return next(iter(principals.keys(min=prefix, max=prefix + "\uffff")), None)


def generate(root, count, writer, seed=23):
    """Fill the first enterprise's box up to ``count`` messages; returns how many were written."""
    username = first_enterprise(root["principals"])
    messages = root.get("messages")
    if username is None or messages is None:
        return 0
    box = messages.box_for(username)
    have = len(box)
    if have >= count:
        return 0
    rng = random.Random(f"{seed}-{have}")
    now = get_clock(get_current_registry()).now()
    total = count - have
    for n in range(total):
        when = now - timedelta(minutes=10 * (total - n))  # oldest first: keys grow
        case_no = f"640100-20261203-{rng.randrange(1, 999999):06d}"
        message = box.add(
            Message(
                when,
                f"您的办件 {case_no} 已受理",
                "状态：已受理\n答复：材料齐全，予以受理。",
                f"/filings/{case_no}/",
                kind="filing",
            )
        )
        if n < total - UNREAD:
            box.mark_read(message)
        writer.added(1)
    return total
