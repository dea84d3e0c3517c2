"""The service catalogue: centers, departments and service items, browsed by traversal."""


def includeme(config):
    """Views are found by the app's scan; nothing else to wire yet."""
