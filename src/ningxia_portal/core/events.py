"""Events fired by folders and content; subscribers (the catalog, mail) react to them."""


class _ObjectEvent:
    def __init__(self, obj, parent=None, name=None):
        self.object = obj
        self.parent = parent
        self.name = name


class ObjectAdded(_ObjectEvent):
    """An object was placed in a folder."""


class ObjectRemoved(_ObjectEvent):
    """An object is about to leave its folder."""


class ObjectModified(_ObjectEvent):
    """An object's data changed (edit form saved, workflow moved)."""
