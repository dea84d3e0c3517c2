"""A portal on a real FileStorage: the queue's conflict resolution needs one."""

import pytest
from ZODB.FileStorage import FileStorage

from ningxia_portal.core.database import PortalDB
from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.root import APP_ROOT_KEY, Portal


@pytest.fixture
def db(tmp_path, registry):
    db = PortalDB(FileStorage(str(tmp_path / "Data.fs")))  # the portal's, as it serves
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY] = Portal()
        evolve(root, registry=registry, commit=False)
    yield db
    db.close()
