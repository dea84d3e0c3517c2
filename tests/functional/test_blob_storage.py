"""The blob-capable fixture really stores blobs (uploads and attachments rely on it)."""

import transaction
from ZODB.blob import Blob

from ningxia_portal.core.root import APP_ROOT_KEY, get_database


def test_blob_app_stores_and_reads_a_blob(blob_wsgi_app):
    db = get_database(blob_wsgi_app.registry)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    root = conn.root()[APP_ROOT_KEY]
    blob = Blob()
    with blob.open("w") as f:
        f.write(b"%PDF-1.4 test")
    root.test_blob = blob
    tm.commit()
    conn.close()

    conn = db.open()
    with conn.root()[APP_ROOT_KEY].test_blob.open("r") as f:
        assert f.read() == b"%PDF-1.4 test"
    conn.close()
