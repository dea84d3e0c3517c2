"""Events fired by folders and content; subscribers (the catalog, mail) react to them.

The core fires them through the current registry and knows none of its subscribers: the
catalog (``indexing``) indexes what is added and unindexes what is about to be removed.
"""


class _ObjectEvent:
    def __init__(self, obj, parent=None, name=None):
        self.object = obj
        self.parent = parent
        self.name = name


class ObjectAdded(_ObjectEvent):
    """An object was placed in a folder.

    ``index`` False: whoever added it catalogues it later (a submission queues its case).
    """

    def __init__(self, obj, parent=None, name=None, index=True):
        super().__init__(obj, parent, name)
        self.index = index


class ObjectRemoved(_ObjectEvent):
    """An object is about to leave its folder."""


class ObjectModified(_ObjectEvent):
    """An object's data changed (edit form saved, workflow moved)."""
