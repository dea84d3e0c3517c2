"""The ``verify`` page: ``/verify/<code>`` of a notice of the first enterprise.

The code is derived from the case and a secret in the database, so the harness asks the
portal for it as the owner would: the newest notice of its ``/notices/`` list (JSON), whose
``verify_url`` the notice prints. The measured request is anonymous, as a scan of the QR is.
"""

import json
import urllib.parse

from bench.prepared import Prepared
from bench.sessions import Client


def notice_verification(base_url, dataset):
    samples = dataset["samples"]
    client = Client(base_url).login(samples["enterprise"], samples["password"])
    status, _, text = client.request("/notices/", headers={"Accept": "application/json"})
    if status != 200:
        raise RuntimeError(f"/notices/ answered {status} to {samples['enterprise']}")
    notices = json.loads(text)["notices"]
    if not notices:
        raise RuntimeError(f"{samples['enterprise']} has no notice to verify")
    path = urllib.parse.urlsplit(notices[0]["verify_url"]).path
    return [Prepared("GET", path)]
