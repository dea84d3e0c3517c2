"""The home page (首页): what an enterprise sees first."""


def includeme(config):
    # ``add_home_block`` / ``add_home_tool``: features put their blocks and tools here.
    config.include("ningxia_portal.home.blocks")
