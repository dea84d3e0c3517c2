"""好差评: enterprises rate their finished cases; a poor rating opens a rectification task
(整改) for the case's department, which answers it; the enterprise may follow up once.
Staff see their departments' tasks and averages at ``/evaluations/``. Views are found by
the app's scan.
"""

from ningxia_portal.i18n import _


def includeme(config):
    from ningxia_portal.evaluations.demo import load_demo_evaluations
    from ningxia_portal.evaluations.messages import describe_move
    from ningxia_portal.evaluations.resources import Evaluations
    from ningxia_portal.evaluations.views.case import case_block, case_json
    from ningxia_portal.evaluations.views.listing import open_tasks
    from ningxia_portal.filings.views.listing import is_staff
    from ningxia_portal.indexing.discriminators import Attr
    from ningxia_portal.indexing.lists import ListIndex

    config.add_container("evaluations", Evaluations)
    # After the filings: it rates the demo enterprise's completed case.
    config.add_demo_loader("evaluations", load_demo_evaluations, order=45)
    config.add_evolve_steps("ningxia_portal.evaluations.evolve")  # step 26
    # Each enterprise's ratings, each department's and center's ratings and tasks, with the
    # counts of their states (indexing/lists.py).
    config.add_catalog_index("evaluation_lists", lambda: ListIndex(Attr("evaluation_lists")))
    # The rating on the case's page (or the invitation to rate) and in its JSON.
    config.add_case_block(
        "evaluation",
        "ningxia_portal:evaluations/templates/case_block.jinja2",
        data=case_block,
        json=case_json,
        order=10,
    )
    # The department's answer reaches the enterprise's message box and mail.
    config.add_message_source("evaluation", describe_move)
    # Staff: the rectification tasks of their departments, with how many are open.
    config.add_nav_link(
        "evaluations",
        _("Rectification tasks"),
        path="evaluations/",
        order=60,
        available=is_staff,
        count=open_tasks,
        content_types=("Evaluation",),  # the count reads their lists
    )
