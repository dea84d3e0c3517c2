"""Online consultations (网上咨询): an enterprise asks a department, its staff answer, and an
answered question may be published, anonymised, as the department's FAQ (常见问题). Views
are found by the app's scan."""

from ningxia_portal.i18n import _


def includeme(config):
    from ningxia_portal.consultations.demo import load_demo_consultations
    from ningxia_portal.consultations.resources import Consultations
    from ningxia_portal.consultations.views import is_enterprise, is_staff, waiting_count
    from ningxia_portal.consultations.views.ask import ask_available
    from ningxia_portal.consultations.views.faq import (
        department_faq_block,
        my_consultations_block,
    )
    from ningxia_portal.consultations.workflow import FAQ_CHANGES
    from ningxia_portal.indexing.discriminators import Attr
    from ningxia_portal.indexing.fields import FieldsIndex
    from ningxia_portal.indexing.lists import ListIndex

    config.add_container("consultations", Consultations)
    config.add_evolve_steps("ningxia_portal.consultations.evolve")  # step 21
    # After the accounts and the catalogue: the demo enterprise asks the demo centers.
    config.add_demo_loader("consultations", load_demo_consultations, order=60)
    # The ordered lists (an enterprise's own, a department's or center's queue, a
    # department's FAQ) and the search fields of the list (咨询人, 咨询主题, 咨询部门).
    config.add_catalog_index("consultation_lists", lambda: ListIndex(Attr("catalog_lists")))
    config.add_catalog_index("consultation_text", lambda: FieldsIndex(Attr("search_fields")))
    # 我的咨询 (enterprises) or 咨询答复 with the number waiting (staff), in the header.
    config.add_nav_link(
        "consultations",
        lambda request: (
            _("Consultations to answer") if is_staff(request) else _("My consultations")
        ),
        path="consultations/",
        order=40,
        available=lambda request: is_enterprise(request) or is_staff(request),
        count=waiting_count,
        content_types=("Consultation",),  # the count reads their lists
    )
    # 我要咨询 on every item page: the form with the item's department chosen.
    config.add_item_action(
        "ask",
        _("Ask a question"),
        view_name="ask",
        order=40,
        available=ask_available,
        css_class="btn-outline-primary",
    )
    # The enterprise's counts on the home page.
    config.add_home_block(
        "my_consultations",
        "ningxia_portal.consultations:templates/home_block.jinja2",
        data=my_consultations_block,
        order=14,
        content_types=("Consultation",),  # kept per viewer until one changes
    )
    # 常见问题 on each department's page: its published questions and answers.
    config.add_department_block(
        "faq",
        "ningxia_portal.consultations:templates/faq_block.jinja2",
        data=department_faq_block,
        order=10,
        content_types=(FAQ_CHANGES,),
    )
    # Each move by someone else writes the owner a message (and a mail): messages/.
    from ningxia_portal.consultations.messages import describe_move

    config.add_message_source("consultation", describe_move)
