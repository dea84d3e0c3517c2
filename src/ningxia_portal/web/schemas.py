"""Colander schemas of the web layer's own pages (the back office's index queue)."""

import colander
from deform.widget import HiddenWidget

from ningxia_portal.web.forms import CSRFSchema


class RequeueSchema(CSRFSchema):
    """Re-queue one set-aside document (``document``: its queue key), or all (none given)."""

    document = colander.SchemaNode(
        colander.Int(),
        widget=HiddenWidget(),
        missing=None,
        validator=colander.Range(min=1),
    )
