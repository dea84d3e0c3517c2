"""Statistics (统计分析): filings, appointments, consultations, complaints and ratings,
counted per scope (everything, a center, a department, an enterprise) and China day as they
happen (counting.py), read by the pages as ranges of those counters (queries.py), counted
again from the data by evolve step 28 (rebuild.py). Views are found by the app's scan.
"""

from ningxia_portal.i18n import _


def includeme(config):
    from ningxia_portal.core.events import ObjectAdded, ObjectRemoved
    from ningxia_portal.stats.counting import on_added, on_removed, on_transitioned
    from ningxia_portal.stats.rebuild import load_demo_stats
    from ningxia_portal.stats.resources import Stats
    from ningxia_portal.workflow import WorkflowTransitioned

    config.add_container("stats", Stats)
    config.add_evolve_steps("ningxia_portal.stats.evolve")  # step 28
    config.add_subscriber(on_added, ObjectAdded)
    config.add_subscriber(on_removed, ObjectRemoved)
    config.add_subscriber(on_transitioned, WorkflowTransitioned)
    # After every other loader: theirs move records without events, so count them then.
    config.add_demo_loader("stats", load_demo_stats, order=1000)
    config.add_nav_link("stats", _("Statistics"), path="stats/", order=60)
