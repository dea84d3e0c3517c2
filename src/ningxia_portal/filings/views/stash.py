"""``POST /filings/@@stash``: one file sent ahead of its form, so the page can show its
upload progress (filings/static/uploads.js).

The file is checked as the form checks it (type by content, size) and kept in the stash of
accepted uploads for its uploader alone (``uploads.ZODBTmpStore``); the answer names the
entry, which the form then posts instead of the file (a ticked ``uid``). Without script
nothing calls this: the form posts its files itself.
"""

from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config

from ningxia_portal.filings import services
from ningxia_portal.filings.resources import Filings
from ningxia_portal.filings.uploads import MIMETYPES, ZODBTmpStore, check_upload
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ENTERPRISE, Permissions
from ningxia_portal.web.filetypes import clean_filename

FULL = _(
    "Too many uploaded files are waiting to be submitted: submit your form, or try again "
    "in a few hours."
)
NO_FILE = _("Please choose a file.")


@view_config(
    context=Filings,
    name="stash",
    request_method="POST",
    permission=Permissions.VIEW,
    renderer="json",
)
def stash_upload(context, request):
    """The stash entry of the file posted as ``upload``, or 400 with the reason."""
    if ENTERPRISE not in request.effective_principals:
        raise HTTPForbidden()  # only enterprises file and supplement
    upload = request.POST.get("upload")
    if not hasattr(upload, "file"):
        return refuse(request, NO_FILE)
    filename = clean_filename(upload.filename, default="file")
    tmpstore = ZODBTmpStore(request, services.get_filings(request))
    try:
        kind, size = check_upload(upload.file, filename, tmpstore.max_bytes_per_file)
    except ValueError as e:
        return refuse(request, e.args[0])
    if not tmpstore.has_room(size):
        return refuse(request, FULL)
    uid = tmpstore.new_uid()
    tmpstore[uid] = {
        "fp": upload.file,
        "filename": filename,
        "mimetype": MIMETYPES[kind],
        "size": size,
    }
    if uid not in tmpstore:  # room was taken meanwhile
        return refuse(request, FULL)
    return {"uid": uid, "filename": filename, "size": size, "mimetype": MIMETYPES[kind]}


def refuse(request, message):
    request.response.status = 400
    return {"error": request.localizer.translate(message)}
