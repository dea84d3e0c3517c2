"""``/notices/``: the list of notices a viewer may print, and the secret of their codes.

The container holds no notice: notices are read from the cases (filings/notices.py). It
keeps the key of the verification codes (notices/codes.py), made once when the container is
created (at bootstrap, or by evolve step 23 on an older database) and never shown.
"""

import secrets

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Permissions

SECRET_BYTES = 32


class Notices(Folder):
    """The list of printable notices; ``secret`` keys every notice's verification code."""

    title = _("Notices")
    # Catalogued as a container only: it has no field of the other indexes.
    catalog_indexes = ("content_type",)
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, Authenticated, Permissions.VIEW),  # the list itself; each case says whose
        DENY_ALL,
    ]

    def __init__(self):
        super().__init__()
        self.secret = secrets.token_bytes(SECRET_BYTES)
