"""The home page (首页): what an enterprise sees first."""


def includeme(config):
    """Views are found by the app's scan."""
