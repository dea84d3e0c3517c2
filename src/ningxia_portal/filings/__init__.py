"""Online filing (网上申报): apply with materials, the review workflow, my filings, the
staff work queue, material supplement and notices. Views are found by the app's scan."""

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions

# name -> the attribute it indexes: the promised date; "<center>/<dept>/<item>" as filed (a
# center's or department's cases are a range of its keys); the item's and the enterprise's
# names as filed (the lists' keyword); awaiting review.
FILING_FIELD_INDEXES = {
    "deadline": "deadline",
    "case_item": "case_item",
    "applicant": "applicant_title",
    "item_title": "item_title",
    "pending": "pending",
}


def includeme(config):
    from ningxia_portal.filings.demo import load_demo_filings
    from ningxia_portal.filings.home import apply_available, my_filings_block
    from ningxia_portal.filings.resources import Filings
    from ningxia_portal.indexing.catalog import FieldIndex
    from ningxia_portal.indexing.discriminators import Attr
    from ningxia_portal.indexing.lists import KeyIndex, ListIndex

    # Blocks other features put on a case's page and into its JSON (blocks.py).
    config.include("ningxia_portal.filings.blocks")
    config.include("ningxia_portal.filings.numbers")
    config.add_container("filings", Filings)
    # The materials' script: files sent ahead to the upload stash, with their progress.
    config.add_static_view("filings_static", "ningxia_portal.filings:static/", cache_max_age=3600)
    # After the accounts: the demo enterprise owns them.
    config.add_demo_loader("filings", load_demo_filings, order=40)
    config.add_evolve_steps("ningxia_portal.filings.evolve")  # steps 6–9, 11–13, 15, 16
    # The indexes of cases (Filing.catalog_indexes says which a case is written into).
    for name, attr in FILING_FIELD_INDEXES.items():
        config.add_catalog_index(name, lambda attr=attr: FieldIndex(Attr(attr)))
    # A unique key per case, and the ordered lists of cases (an enterprise's own, a
    # department's or center's queue) that /filings/ pages read (indexing/lists.py).
    config.add_catalog_index("case_no", lambda: KeyIndex(Attr("case_no")))
    config.add_catalog_index("lists", lambda: ListIndex(Attr("catalog_lists")))

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
    # 办件进度查询 for everyone, logged in or not (views/track.py); also in the header.
    config.add_home_tool("track", _("Case progress lookup"), path="track", order=30)
    # My filings (enterprises) or the work queue (staff), in the main navigation.
    config.add_nav_link(
        "filings",
        lambda request: (
            _("My filings") if request.identity.kind == "enterprise" else _("Work queue")
        ),
        path="filings/",
        order=20,
    )
    # 离线材料补充: the enterprise's cases and which of them need supplementary materials.
    config.add_nav_link(
        "supplements",
        _("Offline material supplement"),
        path="filings/supplements",
        order=21,
        available=lambda request: request.identity.kind == "enterprise",
    )
    # The enterprise's newest five filings, first on the home page.
    config.add_home_block(
        "my_filings",
        "ningxia_portal.filings:templates/home_block.jinja2",
        data=my_filings_block,
        order=10,
        content_types=("Filing",),  # kept per viewer until one changes
    )
    # Each move by someone else writes the owner a message (and a mail): messages/.
    from ningxia_portal.filings.messages import describe_move

    config.add_message_source("filing", describe_move)
