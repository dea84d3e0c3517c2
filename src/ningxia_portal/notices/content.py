"""What a notice says, built once for its page and its PDF (translated for the reader).

The layout follows GB/T 9704-2012 (党政机关公文格式): the issuer's name in red (发文机关标志),
the document number (here the case number), the title, the addressee (主送机关: the
applicant), the body, then the issuing department and date right-aligned above the room for
the seal. The verification code and its QR code close the page.
"""

from dataclasses import dataclass, field

from ningxia_portal.core.clock import local_date
from ningxia_portal.filings import workflow
from ningxia_portal.filings.notices import (
    ACCEPTANCE,
    REFUSAL,
    SUPPLEMENT,
    entry_for,
    notice_title,
)
from ningxia_portal.filings.resources import MATERIAL_OK, MATERIAL_STATUS_TITLES
from ningxia_portal.i18n import _

APPEAL = _(
    "If you disagree with this decision, you may apply for administrative review "
    "within 60 days of receiving this notice, or bring an administrative lawsuit "
    "before a people's court within 6 months."
)


@dataclass
class Block:
    """A part of the body: a paragraph (``p``), a quoted comment (``pre``) or a list."""

    kind: str
    text: str = ""
    items: list = field(default_factory=list)


@dataclass
class Notice:
    kind: str
    issuer: str
    title: str
    number: str
    addressee: str
    body: list
    signers: list
    date: str
    code: str
    verify_url: str


def issuer_of(filing):
    """The issuing department's full name: "银川市" + "市场监督管理局", unless already whole."""
    center = filing.snapshot.get("center_title", "")
    department = filing.snapshot.get("department_title", "")
    if center and not department.startswith(center):
        return f"{center}{department}"
    return department


def body_of(request, filing, kind, entry):
    """[Block] of the notice's body: the legal wording of each kind, the reviewer's comment."""
    t = request.localizer.translate
    item = {"item": filing.item_title}
    body = []

    def say(message):
        body.append(Block("p", t(message)))

    if kind == ACCEPTANCE:
        submitted = local_date(filing.submitted)
        day = {"date": submitted.isoformat() if submitted else ""}
        say(
            _(
                "Your application for “${item}”, submitted on ${date}, has been examined: the "
                "materials are complete and in the statutory form, and the application is "
                "accepted.",
                mapping=item | day,
            )
        )
        if filing.deadline:
            say(
                _(
                    "We promise a decision by ${date}.",
                    mapping={"date": filing.deadline.isoformat()},
                )
            )
    elif kind == SUPPLEMENT:
        say(
            _(
                "Your application for “${item}” cannot be accepted yet. Please supplement or "
                "correct, all at once, the materials listed below:",
                mapping=item,
            )
        )
        body.append(Block("ol", items=missing_materials(request, filing, entry)))
        if entry.get("comment"):
            body.append(Block("pre", entry["comment"]))
        say(
            _(
                "Once the materials are supplemented, the application is processed again; the "
                "time limit counts from the day the complete materials arrive."
            )
        )
    elif kind == REFUSAL and filing.state == workflow.NOT_ACCEPTED:
        say(
            _(
                "After examination, your application for “${item}” is not accepted, for the "
                "following reasons:",
                mapping=item,
            )
        )
        body.append(Block("pre", entry.get("comment") or ""))
        say(APPEAL)
    elif kind == REFUSAL:
        say(
            _(
                "After examination, your application for “${item}” is not granted, for the "
                "following reasons:",
                mapping=item,
            )
        )
        body.append(Block("pre", entry.get("comment") or ""))
        say(APPEAL)
    else:
        say(
            _(
                "Your application for “${item}” has been approved and the case is completed.",
                mapping=item,
            )
        )
        if entry.get("comment"):
            body.append(Block("pre", entry["comment"]))
    return body


def build(request, filing, kind, code, verify_url):
    """The translated content of the notice ``kind`` of ``filing`` (it must be available)."""
    t = request.localizer.translate
    entry = entry_for(filing, kind)
    body = body_of(request, filing, kind, entry)
    applicant = filing.applicant
    addressee = applicant["title"]
    if applicant.get("credit_code"):
        addressee += "（{} {}）".format(
            t(_("unified social credit code")), applicant["credit_code"]
        )
    center = filing.snapshot.get("center_title", "")
    return Notice(
        kind=kind,
        issuer=issuer_of(filing),
        title=t(notice_title(filing, kind)),
        number=filing.case_no,
        addressee=addressee + "：",
        body=body,
        signers=[
            filing.snapshot.get("department_title", ""),
            center + t(_("Government Service Center")),
        ],
        date=local_date(entry["time"]).isoformat(),
        code=code,
        verify_url=verify_url,
    )


def missing_materials(request, filing, entry):
    """ "name（status）：note" of each material the one-time notice asks for."""
    t = request.localizer.translate
    found = []
    for index, mark in enumerate(entry.get("materials", ())):
        status = mark.get("status", MATERIAL_OK)
        if status == MATERIAL_OK or index >= len(filing.materials):
            continue
        text = "{}（{}）".format(filing.materials[index]["name"], t(MATERIAL_STATUS_TITLES[status]))
        if mark.get("note"):
            text += "：" + mark["note"]
        found.append(text)
    return found
