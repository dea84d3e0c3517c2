"""Notices (通知书): the notices of cases printed as official documents, listed at
``/notices/`` for whoever may print them, downloaded as PDF, and verified by anybody at
``/verify/<code>`` through the code and QR printed on each. Views are found by the app's scan.

Nothing is stored per notice: a notice is read from its case's history
(filings/notices.py), its code is derived from the case (notices/codes.py), and the lists
of ``/notices/`` are a catalog index of the cases (notices/indexes.py).
"""

from ningxia_portal.i18n import _


def includeme(config):
    from ningxia_portal.notices.indexes import NoticeListIndex, notice_lists
    from ningxia_portal.notices.resources import Notices

    config.add_container("notices", Notices)
    config.add_evolve_steps("ningxia_portal.notices.evolve")  # step 23
    # Per kind of notice, each enterprise's and each department's and center's notices,
    # newest first (a case is on the lists of the notices it has).
    config.add_catalog_index("notice_lists", lambda: NoticeListIndex(notice_lists))
    # The notices the viewer may print, in the main navigation.
    config.add_nav_link("notices", _("Notices"), path="notices/", order=25)
