"""The case progress lookup of `make bench` (/track): the real POST of a case number and phone.

``track_lookups`` logs in once as the sample enterprise to learn real cases (its /filings/
JSON: case numbers and state titles) and its contact phone (its /profile form: the generator
files every case with its enterprise's phone), then prepares one lookup per case, each from
a fresh anonymous session with the CSRF token of its own /track form, as a visitor sends it.
Each is tried once: it must answer 200 with the case's state, or the run stops. The bench
sends hits only: a hit gives back the try the throttle reserved for it, so the one address
all requests come from (127.0.0.1) is never held up (8 lookups in flight hold at most 8
reservations, under ``portal.track_max_misses``).
"""

import json
import re
from html import unescape

from bench.prepared import Prepared, form_body, hidden_inputs
from bench.sessions import Client

FORM = '__formid__" value="track"'
PROFILE_PHONE = re.compile(r'<input[^>]*\bname="phone"[^>]*\bvalue="([^"]*)"')


def sample_cases(client, count):
    """[(case number, state title)] of the logged-in enterprise's newest submitted cases."""
    status, _, text = client.request("/filings/", headers={"Accept": "application/json"})
    if status != 200:
        raise RuntimeError(f"/filings/ answered {status}")
    cases = [
        (f["case_no"], f["state_title"])
        for f in json.loads(text)["filings"]
        if f["case_no"] and f["state"] != "draft"
    ]
    if not cases:
        raise RuntimeError("the sample enterprise has no submitted case to look up")
    return cases[:count]


def profile_phone(client):
    _, _, html = client.get("/profile")
    found = PROFILE_PHONE.search(html)
    if found is None or not found.group(1):
        raise RuntimeError("the sample enterprise's profile shows no phone")
    return unescape(found.group(1))


def track_lookups(base_url, dataset, count=8):
    """POST /track: one prepared lookup per case (up to ``count``), each checked once."""
    samples = dataset["samples"]
    owner = Client(base_url).login(samples["enterprise"], samples["password"])
    phone = profile_phone(owner)
    out = []
    for case_no, state_title in sample_cases(owner, count):
        visitor = Client(base_url)
        _, _, html = visitor.get("/track")
        fields = hidden_inputs(html, FORM)
        if not fields.get("csrf_token"):
            raise RuntimeError("the /track form has no CSRF token")
        fields.update(case_no=case_no, phone=phone, submit="submit")
        body = form_body(fields)
        status, _, answer = visitor.request("/track", data=body)
        if status != 200 or state_title not in answer or "track-result" not in answer:
            raise RuntimeError(f"/track did not find {case_no} ({status})")
        headers = {
            "Cookie": visitor.cookie_header(),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        out.append(Prepared("POST", "/track", headers, body))
    return out
