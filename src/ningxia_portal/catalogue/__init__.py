"""The service catalogue: centers, departments and service items, browsed by traversal,
searched through the catalog, scoped by the visitor's region, managed by editors."""


def includeme(config):
    # ``add_item_action``: filings, appointments and consultations add their item buttons.
    config.include("ningxia_portal.catalogue.actions")
    # ``add_home_tool`` (the search registers itself as a common tool below).
    config.include("ningxia_portal.home.blocks")
    # request.region, request.region_choices, request.region_label; the set-region view.
    config.include("ningxia_portal.catalogue.region")
    config.include("ningxia_portal.catalogue.search")
