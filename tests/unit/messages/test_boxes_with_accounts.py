"""Boxes are made with the accounts, so that a message never inserts into the tree of boxes
(concurrent inserts there conflict whenever a bucket splits)."""

import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from ningxia_portal.accounts.resources import KIND_ENTERPRISE, User
from ningxia_portal.core import evolve
from ningxia_portal.core.root import Portal
from ningxia_portal.messages.evolve import step027
from ningxia_portal.messages.resources import Message
from tests.conftest import portal_registry

from .test_box import NOW


def enterprise(name):
    return User(name, "hash", KIND_ENTERPRISE, title=name, created=NOW)


def test_an_account_added_gets_its_box_in_the_same_transaction():
    with portal_registry() as registry:
        root = Portal()
        evolve.evolve(root, registry=registry, commit=False)
        root["principals"].add_user(enterprise("acme"))
    assert root["messages"].box("acme") is not None
    assert root["messages"].box("nobody") is None


def test_step27_gives_older_accounts_their_boxes(registry):
    root = Portal()
    evolve.evolve(root, registry=registry, commit=False)
    for name in ("acme", "beta"):
        root["principals"].add(name, enterprise(name), send_events=False)
    root["messages"].box_for("beta").add(Message(NOW, "kept", "text", "/filings/x/"))
    step027.evolve(root, registry)
    assert root["messages"].box("acme") is not None
    assert len(root["messages"].box("beta")) == 1  # an existing box is kept as it is
    step027.evolve(root, registry)  # twice changes nothing


def test_messages_to_many_new_enterprises_at_once_never_conflict(tmp_path):
    """Eight writers, each messaging enterprises that never had a message, commit together:
    the boxes were made with the accounts, so only each user's own box is written."""
    database = DB(FileStorage(str(tmp_path / "Data.fs")))
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    root = conn.root()["app"] = Portal()
    with portal_registry() as registry:
        evolve.evolve(root, registry=registry, commit=False)
        for n in range(400):
            root["principals"].add_user(enterprise(f"qy{n:05d}"))
    tm.commit()
    conn.close()
    for round_ in range(25):
        writers = []
        for w in range(8):
            wtm = transaction.TransactionManager()
            wconn = database.open(transaction_manager=wtm)
            box = wconn.root()["app"]["messages"].box_for(f"qy{round_ * 8 + w:05d}")
            box.add(Message(NOW, "您的办件已受理", "text", "/filings/x/"))
            writers.append((wtm, wconn))
        for wtm, wconn in writers:
            wtm.commit()  # no ConflictError
            wconn.close()
    database.close()
