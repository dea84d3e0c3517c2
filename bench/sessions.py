"""Sessions for the pages that log in or POST: real logins through ``/login``, over HTTP.

Each ``Client`` is one browser: its own cookie jar, so its own session and CSRF token. The
``prepare`` functions of ``bench/pages.py`` are built here from the pure helpers of
``bench/prepared.py``; they run once before a page's run, never while wrk measures.
"""

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request

from bench.prepared import Prepared, filled_multipart, form_body, form_fields, hidden_inputs

LOGIN_FORM = '__formid__" value="login"'


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A cookie-keeping HTTP client of the portal (redirects are returned, not followed)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, data=None, headers=None):
        """(status, headers, text) of a GET, or a POST when ``data`` (bytes) is given."""
        req = urllib.request.Request(self.base_url + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as res:
                return res.status, res.headers, res.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode("utf-8", "replace")

    def get(self, path):
        return self.request(path)

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def login(self, username, password):
        """Log in through the real form; raises unless the portal redirects (logged in)."""
        status, _, html = self.get("/login")
        fields = hidden_inputs(html, LOGIN_FORM)
        fields.update(login=username, password=password, submit="submit")
        status, headers, _ = self.request("/login", data=form_body(fields))
        if status not in (302, 303):
            raise RuntimeError(f"login as {username} answered {status}, expected a redirect")
        # Follow the redirect as a browser does: the page it lands on shows the welcome
        # message, which the session holds until then (every replayed request would
        # otherwise carry a message waiting to be shown).
        self.get(urllib.parse.urlsplit(headers["Location"]).path)
        return self


def login_form_requests(base_url, dataset, count=16):
    """POST /login, one prepared request per enterprise (up to ``count``): each with the
    session cookie and CSRF token of its own freshly fetched login form."""
    samples = dataset["samples"]
    out = []
    for username in samples["enterprises"][:count]:
        client = Client(base_url)
        _, _, html = client.get("/login")
        fields = hidden_inputs(html, LOGIN_FORM)
        if not fields.get("csrf_token"):
            raise RuntimeError("the login form has no CSRF token")
        fields.update(login=username, password=samples["password"], submit="submit")
        headers = {
            "Cookie": client.cookie_header(),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        out.append(Prepared("POST", "/login", headers, form_body(fields)))
    if not out:
        raise RuntimeError("the dataset has no enterprises to log in as")
    return out


def logged_in_get(sample, path):
    """A ``prepare`` function: GET ``path`` with the session of the dataset's ``sample``
    account (``enterprise``, ``reviewer``, ``handler``), logged in once through the real
    form; ``path`` may be a function of the dataset (a sample object's page)."""

    def prepare(base_url, dataset):
        samples = dataset["samples"]
        if sample not in samples:
            raise RuntimeError(f"the dataset has no {sample} account")
        client = Client(base_url).login(samples[sample], samples["password"])
        target = path(dataset) if callable(path) else path
        return [Prepared("GET", target, {"Cookie": client.cookie_header()})]

    prepare.__name__ = f"logged_in_{sample}"
    return prepare


def logged_in_case(sample):
    """A ``prepare`` function: the page of the newest case in the ``sample`` account's
    /filings/ list (its JSON answer), with that account's session."""

    def prepare(base_url, dataset):
        import json

        samples = dataset["samples"]
        client = Client(base_url).login(samples[sample], samples["password"])
        status, _, text = client.request("/filings/", headers={"Accept": "application/json"})
        if status != 200:
            raise RuntimeError(f"/filings/ answered {status} to {samples[sample]}")
        filings = json.loads(text)["filings"]
        if not filings:
            raise RuntimeError(f"{samples[sample]} has no case to open")
        path = urllib.parse.urlsplit(filings[0]["url"]).path
        return [Prepared("GET", path, {"Cookie": client.cookie_header()})]

    prepare.__name__ = f"case_of_{sample}"
    return prepare


def quoted(path, **params):
    """``path?k=v`` with the values URL-encoded (Chinese keywords)."""
    return f"{path}?{urllib.parse.urlencode(params)}"


PDF = b"%PDF-1.4\n% bench material\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APPLY_FORM = 'id="apply"'
APPLY_VALUES = {
    "description": "申请新办食品经营许可证，经营场所位于兴庆区解放东街88号。",
    "contact": "张伟",
    "phone": "13995000001",
}


def filing_submissions(base_url, dataset, count=16):
    """POST …/<item>/apply with an upload for every material slot, one prepared request per
    enterprise session (up to ``count``): each logged in through ``/login``, with the CSRF
    token of the apply form it fetched. A success answers 303 to the new case."""
    samples = dataset["samples"]
    path = samples["item"] + "apply"
    out = []
    for username in samples["enterprises"][:count]:
        client = Client(base_url).login(username, samples["password"])
        status, _, html = client.get(path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status} to {username}")
        fields = form_fields(html, APPLY_FORM)
        ctype, body = filled_multipart(
            fields, APPLY_VALUES, ("材料.pdf", "application/pdf", PDF), ("submit", "submit")
        )
        headers = {"Cookie": client.cookie_header(), "Content-Type": ctype}
        out.append(Prepared("POST", path, headers, body))
    if not out:
        raise RuntimeError("the dataset has no enterprises to file as")
    return out
