"""Online complaints (网上投诉): 我要投诉 with attachments, my complaints, the handlers' queue,
the handling workflow and the complainant's rating. Views are found by the app's scan.

A complaint is never handled by the department it is about: it goes to the complaint
handlers granted on its center (``complaint_handler@<center>``) and to admins.
"""


def includeme(config):
    from ningxia_portal.complaints.demo import load_demo_complaints
    from ningxia_portal.complaints.home import (
        my_complaints_block,
        nav_available,
        nav_count,
        nav_title,
    )
    from ningxia_portal.complaints.resources import Complaints
    from ningxia_portal.indexing.discriminators import Attr
    from ningxia_portal.indexing.fields import FieldsIndex
    from ningxia_portal.indexing.lists import ListIndex

    config.add_container("complaints", Complaints)
    # After the accounts (the demo enterprise complains) and the filings.
    config.add_demo_loader("complaints", load_demo_complaints, order=70)
    config.add_evolve_steps("ningxia_portal.complaints.evolve")  # step 22
    # The complainant's list and each center's queue, with their counts (indexing/lists.py).
    config.add_catalog_index("complaint_lists", lambda: ListIndex(Attr("complaint_lists")))
    # What the lists' keyword matches, folded, per complaint (indexing/fields.py).
    config.add_catalog_index("complaint_text", lambda: FieldsIndex(Attr("search_fields")))
    # 我的投诉 (enterprises) or the complaints to handle, with how many wait (handlers).
    config.add_nav_link(
        "complaints",
        nav_title,
        path="complaints/",
        order=50,
        available=nav_available,
        count=nav_count,
        content_types=("Complaint",),  # the count reads their lists
    )
    # 我要投诉 and the enterprise's counts on the home page.
    config.add_home_block(
        "my_complaints",
        "ningxia_portal:complaints/templates/home_block.jinja2",
        data=my_complaints_block,
        order=16,
        content_types=("Complaint",),  # kept per viewer until one changes
    )
    # Each move by someone else writes the owner a message (and a mail): messages/.
    from ningxia_portal.complaints.messages import describe_move

    config.add_message_source("complaint", describe_move)
