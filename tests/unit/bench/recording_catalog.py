"""A stand-in for the catalog's includeme: records every ObjectAdded the generator fires."""

from ningxia_portal.core.events import ObjectAdded

ADDED = []


def includeme(config):
    config.add_subscriber(lambda event: ADDED.append(event.object), ObjectAdded)
