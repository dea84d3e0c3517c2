"""The service catalogue: centers, departments and service items, browsed by traversal,
searched through the catalog, scoped by the visitor's region, managed by editors."""

from ningxia_portal.indexing.catalog import FieldIndex
from ningxia_portal.indexing.discriminators import Attr

# The catalogue's indexes: where an object is (center, the centers whose region it serves,
# department, "<center>/<dept>/<item>"), and what an item is (type, group, handling depth).
INDEXES = {
    "center": "center_code",
    "department": "department_key",
    "item": "item_key",  # items, and the filings made for them (evolve step 4)
    "item_type": "item_type",
    "group": "group",
    "depth": "depth",
}


def includeme(config):
    from hypatia.keyword import KeywordIndex

    from ningxia_portal.catalogue.demo import load_demo_catalogue
    from ningxia_portal.catalogue.resources import CatalogueSection, Centers

    config.add_container("centers", Centers)
    config.add_manage_section("catalogue", CatalogueSection)
    config.add_demo_loader("catalogue", load_demo_catalogue, order=10)
    config.add_evolve_steps("ningxia_portal.catalogue.evolve")
    for name, attr in INDEXES.items():
        config.add_catalog_index(name, lambda attr=attr: FieldIndex(Attr(attr)))
    config.add_catalog_index("scope", lambda: KeywordIndex(Attr("scope_codes")))
    # ``add_item_action``: filings, appointments and consultations add their item buttons.
    config.include("ningxia_portal.catalogue.actions")
    # ``add_department_block``: consultations add the department's FAQ to its page.
    config.include("ningxia_portal.catalogue.blocks")
    # ``add_home_tool`` (the search registers itself as a common tool below).
    config.include("ningxia_portal.home.blocks")
    # request.region, request.region_choices, request.region_label; the set-region view.
    config.include("ningxia_portal.catalogue.region")
    config.include("ningxia_portal.catalogue.search")
    # /centers/<code>/departments.json and static/cascade.js: the department choices of
    # every form that narrows them to the chosen center.
    config.include("ningxia_portal.catalogue.choices")
