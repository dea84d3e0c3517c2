"""A portal on a real FileStorage: the queue's conflict resolution needs one."""

import pytest
from ZODB import DB
from ZODB.FileStorage import FileStorage

from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.root import APP_ROOT_KEY, Portal


@pytest.fixture
def db(tmp_path, registry):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY] = Portal()
        evolve(root, registry=registry, commit=False)
    yield db
    db.close()
