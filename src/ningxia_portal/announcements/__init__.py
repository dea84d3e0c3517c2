"""Policy announcements (政策公告): editors write and publish, everyone reads.

Reading views, the Atom feed, the editors' forms and the home page's latest block; the
workflow is data in ``workflow.py``, run by the generic ``ningxia_portal.workflow``.
"""

from ningxia_portal.workflow import WorkflowTransitioned


def on_transitioned(event):
    """The first publication fixes the moment an announcement was published."""
    from ningxia_portal.announcements.workflow import PUBLISHED, announcement_workflow

    obj = event.object
    published = event.workflow is announcement_workflow and event.to_state == PUBLISHED
    if published and obj.published is None:
        obj.published = event.record.when


def includeme(config):
    from ningxia_portal.announcements.demo import load_announcements
    from ningxia_portal.announcements.home import (
        HOME_BLOCK_ORDER,
        HOME_BLOCK_TEMPLATE,
        latest_for_home,
    )
    from ningxia_portal.announcements.resources import Announcements
    from ningxia_portal.indexing.catalog import FieldIndex
    from ningxia_portal.indexing.discriminators import Attr

    config.add_container("announcements", Announcements)
    config.add_demo_loader("announcements", load_announcements, order=30)
    config.add_evolve_steps("ningxia_portal.announcements.evolve")  # step 5
    # Category (政策公告 …) and the newest-first publication order.
    config.add_catalog_index("category", lambda: FieldIndex(Attr("category")))
    config.add_catalog_index("published", lambda: FieldIndex(Attr("sort_date")))
    config.add_subscriber(on_transitioned, WorkflowTransitioned)
    config.include("ningxia_portal.home.blocks")  # the add_home_block directive
    config.add_home_block(
        "announcements",
        HOME_BLOCK_TEMPLATE,
        data=latest_for_home,
        order=HOME_BLOCK_ORDER,
        personal=False,  # the same for everyone: kept with the page
    )
