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


class Audited:
    """Something an auditor must be able to find later: ``action`` (a short dotted name such
    as ``login.failure``), done by ``actor`` (a username; the request's user when None) on
    ``target`` (a path, username or case number), with a free ``detail``.

    Whoever does the thing fires it through ``request.registry.notify``; the audit log
    subscribes and records when and from which address. With no subscriber it costs nothing.
    """

    def __init__(self, request, action, target="", detail="", actor=None):
        self.request = request
        self.action = action
        self.target = target
        self.detail = detail
        self.actor = actor
