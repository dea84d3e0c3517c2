"""What happens to a consultation, independent of the page that asks: ask, answer, publish.

Views validate the forms; these functions change the database (the catalog follows the
folder's and the workflow's events).
"""

from ningxia_portal.consultations.resources import Consultation
from ningxia_portal.consultations.workflow import consultation_workflow
from ningxia_portal.core.clock import get_clock
from ningxia_portal.workflow import system_permits


def ask(request, consultations, department, appstruct):
    """A new consultation of the logged-in enterprise to ``department``; returns it."""
    now = get_clock(request.registry).now()
    consultation = Consultation(
        request.identity,
        department,
        appstruct["name"],
        appstruct["phone"].replace(" ", ""),
        appstruct["subject"],
        appstruct["content"],
        now,
    )
    # Catalogued in this request (a question is a handful of index entries, and asking is
    # rare next to filing): the list the enterprise lands on shows it.
    consultations.add(consultations.new_name(now), consultation)
    return consultation


def move(request, consultation, name, comment, revision):
    """A staff move (answer, publish, unpublish), checked and recorded by the workflow."""
    return consultation_workflow.transition(
        consultation, name, request, comment=comment, revision=revision
    )


def record_transition(consultation, name, actor, comment, when):
    """A move outside a request (demo data, the benchmark generator): no events, so the
    caller (re)indexes."""
    return consultation_workflow.transition(
        consultation,
        name,
        permits=system_permits,
        actor=actor[0],
        actor_title=actor[1],
        now=when,
        comment=comment,
    )
