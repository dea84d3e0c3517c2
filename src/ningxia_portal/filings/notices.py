"""Which notices a case's history makes available, and the history entry that issued each.

A notice is never stored: it is read from the case (受理通知书 after ``accept``, 一次性告知
通知书 after ``return``, 不予许可/不予受理通知书 in ``not_permitted``/``not_accepted``,
办结通知书 in ``completed``). The notices package prints them, lists them and verifies them.
"""

from ningxia_portal.filings import workflow
from ningxia_portal.i18n import _

ACCEPTANCE = "acceptance"
REFUSAL = "refusal"
SUPPLEMENT = "supplement"
COMPLETION = "completion"
NOTICE_TITLES = {
    ACCEPTANCE: _("Notice of acceptance"),
    REFUSAL: _("Notice of refusal"),
    SUPPLEMENT: _("One-time notice of materials to supplement"),
    COMPLETION: _("Notice of completion"),
}
KINDS = tuple(NOTICE_TITLES)
# A refusal before acceptance (``reject``, the case ``not_accepted``) is 不予受理; after it
# (``refuse``, ``not_permitted``) 不予许可. Lists filter both under one kind.
NON_ACCEPTANCE_TITLE = _("Notice of non-acceptance")
KIND_FILTER_TITLES = {**NOTICE_TITLES, REFUSAL: _("Notice of refusal or non-acceptance")}


def notice_title(filing, kind):
    """The title the notice ``kind`` of ``filing`` is printed with."""
    if kind == REFUSAL and filing.state == workflow.NOT_ACCEPTED:
        return NON_ACCEPTANCE_TITLE
    return NOTICE_TITLES[kind]


def available_notices(filing):
    """[(kind, title)] of the notices the case's history makes available."""
    kinds = []
    if filing.last_entry("accept") is not None:
        kinds.append(ACCEPTANCE)
    if filing.last_entry("return") is not None:
        kinds.append(SUPPLEMENT)
    if filing.state in (workflow.NOT_PERMITTED, workflow.NOT_ACCEPTED):
        kinds.append(REFUSAL)
    if filing.state == workflow.COMPLETED:
        kinds.append(COMPLETION)
    return [(k, notice_title(filing, k)) for k in kinds]


def entry_for(filing, kind):
    """The history entry that issued the notice ``kind`` (its time is the notice's date)."""
    if kind == ACCEPTANCE:
        return filing.last_entry("accept")
    if kind == SUPPLEMENT:
        return filing.last_entry("return")
    if kind == COMPLETION:
        return filing.last_entry("complete")
    return filing.last_entry("refuse") or filing.last_entry("reject")


def issued_notices(filing):
    """[(kind, entry)] of the notices available now, each with the entry that issued it."""
    found = []
    for kind, _title in available_notices(filing):
        entry = entry_for(filing, kind)
        if entry is not None:
            found.append((kind, entry))
    return found


def issued_entry(filing, kind):
    """The entry of the notice ``kind`` if the case makes it available now, else None."""
    if kind not in KINDS or kind not in dict(available_notices(filing)):
        return None
    return entry_for(filing, kind)
