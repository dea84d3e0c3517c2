"""``/manage/indexing/`` (admins): documents set aside after failing to be catalogued, with
their errors; how many wait; re-queue one or all (indexing/queue.py)."""

import itertools

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.i18n import _
from ningxia_portal.indexing.queue import MAX_FAILURES, find_document, requeue
from ningxia_portal.indexing.sections import IndexingSection
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.dates import local_datetime_text
from ningxia_portal.web.forms import Form, FormError, flash
from ningxia_portal.web.paging import Page
from ningxia_portal.web.schemas import RequeueSchema

ALL = "requeue-all"


@view_defaults(context=IndexingSection, permission=Permissions.MANAGE_INDEXING)
class IndexingView:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.counter = itertools.count()  # one series of field ids for the page's forms

    def form(self, key=None):
        """The re-queue form of one document (``key``) or of all of them."""
        schema = RequeueSchema().bind(request=self.request, context=self.context)
        label = _("Re-queue") if key is not None else _("Re-queue all")
        return Form(
            schema,
            formid=ALL if key is None else f"requeue-{key}",
            action=self.request.resource_url(self.context, "requeue"),
            buttons=(deform.Button("requeue", label, css_class="btn-primary"),),
            counter=self.counter,
        )

    def page(self, error=None):
        queue = self.context.queue
        root = self.context.root
        records = queue.set_aside if queue is not None else {}
        page = Page.from_request(self.request, iter(records.items()), len(records))
        rows = []
        for key, failure in page.items:
            document = find_document(root, key)
            rows.append(
                {
                    "failure": failure,
                    "url": self.request.resource_url(document) if document is not None else None,
                    "first": local_datetime_text(failure.first),
                    "last": local_datetime_text(failure.last),
                    "form": self.form(key).render({"document": key}),
                }
            )
        return {
            "title": self.request.localizer.translate(self.context.title),
            "waiting": queue.waiting() if queue is not None else 0,
            "page": page,
            "rows": rows,
            "requeue_all": self.form().render() if rows else None,
            "error": self.request.localizer.translate(error) if error is not None else None,
            "max_failures": MAX_FAILURES,
        }

    @view_config(request_method="GET", renderer="templates/indexing.jinja2")
    def get(self):
        return self.page()

    @view_config(name="requeue", request_method="POST", renderer="templates/indexing.jinja2")
    def requeue(self):
        """Back in the queue, and catalogued before this answer leaves (as a submission)."""
        try:
            document = self.form().validate(self.request.POST.items())["document"]
            queue = self.context.queue
            if queue is None or (document is not None and document not in queue.set_aside):
                raise FormError(_("This document is no longer set aside."))
        except deform.ValidationFailure:
            return self.page(error=_("The form was not valid; nothing was re-queued."))
        except FormError as failure:
            return self.page(error=failure.message)
        keys = None if document is None else [document]
        count = requeue(self.request, self.context.root, keys)
        flash(self.request, _("${n} documents re-queued.", mapping={"n": count}))
        return HTTPSeeOther(self.request.resource_url(self.context))
