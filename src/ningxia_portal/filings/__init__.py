"""Online filing (网上申报): apply with materials, the review workflow, my filings, the
staff work queue, material supplement and notices. Views are found by the app's scan."""

import os

from pyramid.exceptions import ConfigurationError


def includeme(config):
    holiday_dir = config.registry.settings.get("portal.holiday_dir")
    if holiday_dir and not os.path.isdir(holiday_dir):
        raise ConfigurationError(f"portal.holiday_dir {holiday_dir!r} is not a directory")
