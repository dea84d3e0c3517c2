"""Step 17: a database whose /manage/accounts/ was stored under the core's class."""

import transaction
from persistent import Persistent
from ZODB import DB
from ZODB.broken import Broken
from ZODB.FileStorage import FileStorage

from ningxia_portal.accounts.evolve import step017
from ningxia_portal.accounts.sections import AccountsSection
from ningxia_portal.core import manage as core_manage
from ningxia_portal.core.root import APP_ROOT_KEY
from tests.conftest import new_portal


class OldAccountsSection(Persistent):
    """What the core stored before the accounts package owned the class."""

    __name__ = None
    __parent__ = None


OldAccountsSection.__module__ = "ningxia_portal.core.manage"
OldAccountsSection.__qualname__ = OldAccountsSection.__name__ = "AccountsSection"


def _old_database(path, registry):
    """A FileStorage whose section is of the old class (which no longer exists)."""
    db = DB(FileStorage(str(path)))
    core_manage.AccountsSection = OldAccountsSection  # importable while it is written
    try:
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY] = new_portal(registry)
            manage = root["manage"]
            manage.remove("accounts")
            manage.add("accounts", OldAccountsSection())  # catalogued, as it was
            root.schema_version = 16
    finally:
        del core_manage.AccountsSection
        db.close()


def test_the_old_section_is_replaced_and_its_catalog_entry_dropped(tmp_path, registry):
    path = tmp_path / "Data.fs"
    _old_database(path, registry)
    db = DB(FileStorage(str(path)))
    try:
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            old = root["manage"].data["accounts"]
            assert isinstance(old, Broken)  # the class is gone: it loads broken
            types = root.catalog["content_type"]._fwd_index
            assert len(types["AccountsSection"]) == 1
            step017.evolve(root, registry)
            section = root["manage"]["accounts"]
            assert type(section) is AccountsSection and len(root["manage"]) == 3
            (docid,) = types["AccountsSection"]
            assert root.docmap.get(docid) is section  # only the new one is catalogued
            assert len(root.docmap) == len(root.catalog["content_type"]._rev_index)
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            assert root["manage"]["accounts"].principals is root["principals"]
            step017.evolve(root, registry)  # idempotent
            assert len(root["manage"]) == 3  # accounts, calendar, catalogue
    finally:
        db.close()
        transaction.abort()
