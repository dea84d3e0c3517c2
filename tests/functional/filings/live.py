"""A tiny browser-less HTTP client for tests against a served app (real threads, real HTTP).

It keeps cookies, never follows redirects, and submits deform forms in document order (the
order peppercorn needs), with files as multipart parts.
"""

import threading
import uuid
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from bs4 import BeautifulSoup


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("Location", "")

    def main_text(self):
        return BeautifulSoup(self.text, "html.parser").select_one("main").get_text(" ", strip=True)


class LiveClient:
    def __init__(self, base):
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), _NoRedirect())

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=60) as resp:
                return Reply(resp.status, resp.headers, resp.read())
        except HTTPError as e:
            with e:
                return Reply(e.code, e.headers, e.read())

    def get(self, path):
        return self._open(Request(self.base + path))

    def post(self, path, fields):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            if isinstance(value, tuple):
                filename, content, ctype = value
                head = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
                )
                parts.append(head.encode() + content + b"\r\n")
            else:
                head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                parts.append(head.encode() + str(value).encode() + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self._open(request)

    def form(self, path, formid):
        """[(name, value)] of a form's fields in document order, file inputs as None."""
        page = self.get(path)
        form = BeautifulSoup(page.text, "html.parser").find("form", id=formid)
        if form is None:
            shown = page.text.partition("<main")[2][:400] or page.text[:400]
            raise AssertionError(f"no form {formid!r} at {path}: {page.status} {shown}")
        fields = []
        for el in form.find_all(["input", "textarea", "select"]):
            name = el.get("name")
            if not name:
                continue
            kind = el.get("type", "text")
            if el.name == "textarea":
                fields.append((name, el.text))
            elif el.name == "select":
                chosen = el.find("option", selected=True) or el.find("option")
                fields.append((name, chosen.get("value", "") if chosen else ""))
            elif kind == "file":
                fields.append((name, None))
            elif kind in ("checkbox", "radio"):
                if el.has_attr("checked"):
                    fields.append((name, el.get("value", "on")))
            elif kind not in ("submit", "button"):
                fields.append((name, el.get("value", "")))
        return fields

    def login(self, username, password=None):
        fields = self.form("/login", "login")
        fields = [
            (
                k,
                username
                if k == "login"
                else (password or f"{username}1234")
                if k == "password"
                else v,
            )
            for k, v in fields
        ]
        reply = self.post("/login", [*fields, ("submit", "submit")])
        assert reply.status == 302, reply.text[:500]
        return self


def run_together(jobs):
    """Start every job at the same moment (a barrier); return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        results[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results
