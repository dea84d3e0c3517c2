"""Online filing (网上申报): apply with materials, the review workflow, my filings, the
staff work queue, material supplement and notices. Views are found by the app's scan."""

import os

from pyramid.exceptions import ConfigurationError

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions


def includeme(config):
    holiday_dir = config.registry.settings.get("portal.holiday_dir")
    if holiday_dir and not os.path.isdir(holiday_dir):
        raise ConfigurationError(f"portal.holiday_dir {holiday_dir!r} is not a directory")
    from ningxia_portal.filings.home import apply_available, my_filings_block

    # 在线申报 on every item page (for enterprises, and for visitors, who log in first).
    config.add_item_action(
        "apply", _("Apply online"), view_name="apply", order=10, available=apply_available
    )
    # A common tool for everyone logged in: my filings (enterprises) or the work queue (staff).
    config.add_home_tool(
        "filings",
        _("Online filings"),
        path="filings/",
        order=20,
        permission=Permissions.EDIT_PROFILE,
    )
    # The enterprise's newest five filings, first on the home page.
    config.add_home_block(
        "my_filings",
        "ningxia_portal.filings:templates/home_block.jinja2",
        data=my_filings_block,
        order=10,
    )
