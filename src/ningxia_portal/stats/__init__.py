"""Statistics (统计分析): counters of filings, requests and ratings per scope and day, and
the pages that show them at ``/stats/``. Views are found by the app's scan."""

from ningxia_portal.i18n import _


def includeme(config):
    from ningxia_portal.stats.resources import Stats

    config.add_container("stats", Stats)
    config.add_nav_link("stats", _("Statistics"), path="stats/", order=60)
