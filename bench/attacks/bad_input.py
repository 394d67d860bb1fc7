"""Bad-input sweep: bad bytes into every field of every form a role can reach, and into the
query strings of every page; the server must never answer 500.

`run(base_url, session_factory)` does the sweep over HTTP (the interface of `bench/abuse.py`,
against gunicorn) and returns its lines: first "bad-input sweep: N requests, M with status
500", then one per 500. `session_factory(role=…)` gives a requests-like session signed in as a
new account of the role (get/post with allow_redirects, .status_code, .headers, .text); without
one, the urllib session below signs in as the demo accounts (demo data loaded). `tests/portal/test_bad_input.py` does the same sweep through
Flask's test client on SQLite and PostgreSQL. Both use `sweep()` below.

How it works: sign in as a role, crawl the pages reachable by links from the start pages
(one page per URL pattern), read every POST form on them, fill each field with a plausible
valid value, then post the form once per (field, bad value) with only that field bad.
Forms with no field but the CSRF token are listed, not posted (there is nothing to fill).

Standalone: `python bench/attacks/bad_input.py http://127.0.0.1:8000` (demo data loaded).
"""

from __future__ import annotations

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol

Value = str | bytes

BAD_VALUES: dict[str, Value] = {
    "nul": "a\x00b",
    "control": "a\x01\x08\x1b[2J\x7f\x9bb",
    "crlf": "a\r\nInjected: yes",
    "huge": "1" + "0" * 30,
    "minus_one": "-1",
    "year_9999": "9999-12-31",
    "year_0001": "0001-01-01",
    "long": "x" * 100_000,
    "bad_utf8": b"\xff\xfe\xc3\x28\xed\xa0\x80",
    "unknown_id": "999999",
}

# Query strings appended to every page that was crawled.
BAD_QUERIES = (
    "next=%2Fa%0D%0ASet-Cookie%3A%20x%3D1",
    "page=" + "9" * 30 + "&days=" + "9" * 30,
    "page=-1&q=%00&show=%01&role=%FF%FE",
    "first=9999-12-31&last=0001-01-01&days=-1",
    "first=0001-01-01&last=9999-12-31&template=999999",
    "template=%C2%B2&person=" + "9" * 30,
    "token=%00%0A&from=%FF",
)

# Plausible values for empty fields, by input type, so that only the bad field fails.
FILL = {
    "email": "sweep-nobody@example.nl",
    "date": "2026-11-02",
    "time": "10:00",
    "number": "3",
    "tel": "0612345678",
    "password": "correct horse battery staple",
    "url": "https://example.nl/vacature/1",
}
SKIP_TYPES = {"file", "submit", "button", "reset", "image"}
# Posting these ends the sweep's own session or takes a role's account out: never posted.
NEVER_POST = re.compile(r"^/logout$|/deactivate$|/reactivate$")


@dataclass
class FormSpec:
    action: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, value)
    choices: dict[str, list[str]] = field(default_factory=dict)
    button: tuple[str, str] | None = None

    def names(self) -> list[str]:
        seen: list[str] = []
        for name, _kind, _value in self.fields:
            if name not in seen and name != "csrf_token":
                seen.append(name)
        seen.extend(name for name in self.choices if name not in seen)
        if self.button and self.button[0] not in seen:
            seen.append(self.button[0])
        return seen


class _PageParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[FormSpec] = []
        self.links: list[str] = []
        self._form: FormSpec | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "post":
            self._form = FormSpec(action=a.get("action") or self.page)
        elif self._form is None or ("name" not in a and tag != "option"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                self._form.choices.setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a or kind == "radio":
                    self._form.fields.append((a["name"], kind, a.get("value", "on")))
            elif kind in ("submit", "image") and self._form.button is None:
                self._form.button = (a["name"], a.get("value", ""))
            elif kind not in SKIP_TYPES:
                self._form.fields.append((a["name"], kind, a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit":
            if self._form.button is None:
                self._form.button = (a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
            self._form.choices[a["name"]] = []
        elif tag == "option" and self._select is not None:
            self._form.choices[self._select].append(a.get("value", ""))
            if "selected" in a:
                self._form.fields.append((self._select, "select", a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select" and self._form is not None and self._select is not None:
            if not any(name == self._select for name, _k, _v in self._form.fields):
                options = [v for v in self._form.choices[self._select] if v] or [""]
                self._form.fields.append((self._select, "select", options[0]))
            self._select = None
        elif tag == "textarea" and self._form is not None and self._textarea is not None:
            self._form.fields.append((self._textarea, "textarea", "".join(self._text)))
            self._textarea = None


def parse_page(html: str, page: str) -> tuple[list[FormSpec], list[str]]:
    """The POST forms and the same-site links of a page."""
    parser = _PageParser(page)
    parser.feed(html)
    return parser.forms, parser.links


def baseline(form: FormSpec) -> list[tuple[str, Value]]:
    """The form as a user would send it: given values kept, empty fields filled plausibly,
    one radio button per group, the first submit button."""
    values: list[tuple[str, Value]] = []
    radios: set[str] = set()
    for name, kind, value in form.fields:
        if kind == "radio":
            if name in radios:
                continue
            radios.add(name)
        if not value and kind not in ("hidden", "select"):
            value = FILL.get(kind, "Test")
        values.append((name, value))
    if form.button:
        values.append(form.button)
    return values


def with_bad(values: list[tuple[str, Value]], name: str, bad: Value) -> list[tuple[str, Value]]:
    present = [(k, bad if k == name else v) for k, v in values]
    return present if any(k == name for k, _ in values) else [*present, (name, bad)]


def encode(values: Iterable[tuple[str, Value]]) -> bytes:
    return urllib.parse.urlencode(list(values)).encode("ascii")


class Client(Protocol):
    def get(self, path: str) -> tuple[int, str, str]:
        """status, content type, text"""
        ...

    def post(self, path: str, body: bytes) -> int: ...


def _pattern(path: str) -> str:
    """One page per URL shape: ids and query values do not make a new page."""
    base, _, query = path.partition("?")
    keys = sorted({part.split("=", 1)[0] for part in query.split("&") if part})
    return re.sub(r"/\d+", "/N", base) + ("?" + "&".join(keys) if keys else "")


@dataclass
class SweepResult:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # every POST form action found
    skipped: list[str] = field(default_factory=list)


def sweep(
    client: Client, start: Iterable[str], max_pages: int = 120, attack: bool = True
) -> SweepResult:
    """Crawl from `start`, then (with `attack`) post bad values into every field of every form
    found and bad query strings to every page. A 500 (or a failed connection) is a failure."""
    result = SweepResult()
    queue, seen_pages, seen_forms = list(start), set(), set()
    starting = set(queue)  # start pages are visited even when their shape was seen
    forms: list[FormSpec] = []
    while queue and len(result.pages) < max_pages:
        path = queue.pop(0)
        shape = path if path in starting else _pattern(path)
        if shape in seen_pages or path.startswith("/static/"):
            continue
        starting.discard(path)
        seen_pages.update({shape, _pattern(path)})
        status, kind, text = client.get(path)
        result.requests += 1
        if status >= 500:
            result.failures.append(f"GET {path} -> {status}")
        if status != 200 or not kind.startswith("text/html"):
            continue
        result.pages.append(path)
        page_forms, links = parse_page(text, path)
        queue.extend(links)
        for form in page_forms:
            key = (_pattern(form.action.split("?")[0]), tuple(form.names()))
            result.actions.append(form.action)
            if key not in seen_forms:
                seen_forms.add(key)
                forms.append(form)
    if not attack:
        return result
    for form in forms:
        if NEVER_POST.search(form.action.split("?")[0]) or not form.names():
            result.skipped.append(form.action)
            continue
        values = baseline(form)
        for name in form.names():
            for label, bad in BAD_VALUES.items():
                status = client.post(form.action, encode(with_bad(values, name, bad)))
                result.requests += 1
                if status >= 500:
                    result.failures.append(f"POST {form.action} {name}={label} -> {status}")
    for path in result.pages:
        for query in BAD_QUERIES:
            url = f"{path.split('?')[0]}?{query}"
            status, _kind, _text = client.get(url)
            result.requests += 1
            if status >= 500:
                result.failures.append(f"GET {url} -> {status}")
    return result


# Over HTTP: a requests-like session (get/post with allow_redirects, .status_code, .text,
# .headers) from the runner's session_factory, or the urllib one below.

START_PAGES = {
    "team_lead": ["/team-lead", "/admin/accounts", "/admin/teams", "/account/"],
    "functional_admin": [
        "/beheer",
        "/beheer/texts/",
        "/beheer/questionnaires/",
        "/beheer/people/staff",
        "/beheer/people/applicants",
        "/account/",
    ],
    "consultant": ["/consultant", "/search-period/register", "/account/"],
    "ecoach": ["/ecoach", "/coach/", "/meetings/", "/coach/stand-in", "/account/"],
    "stip": ["/stip", "/help-point/", "/search-period/register", "/account/"],
    "applicant": ["/applicant", "/questions/", "/werkmap/", "/werkmap/cv/", "/account/"],
    "representative": ["/represent/", "/represent/person", "/letters/", "/account/"],
    "anonymous": ["/", "/login", "/forgot-password", "/apply", "/activate-code"],
}
DEMO_LOGINS = {
    "team_lead": "teamleider@demo.example",
    "functional_admin": "beheerder@demo.example",
    "consultant": "consulent@demo.example",
    "ecoach": "ecoach@demo.example",
    "stip": "stip@demo.example",
    "applicant": "aanvrager@demo.example",
    "representative": "bewindvoerder@demo.example",
}
DEMO_PASSWORD = "demo-wachtwoord-2026"  # the published demo password
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class HttpClient:
    def __init__(self, session, base_url: str):
        self.session, self.base = session, base_url.rstrip("/")

    def get(self, path: str) -> tuple[int, str, str]:
        try:
            response = self.session.get(self.base + path, allow_redirects=False)
        except OSError as exc:
            return 599, "", str(exc)
        return response.status_code, response.headers.get("Content-Type", ""), response.text

    def post(self, path: str, body: bytes) -> int:
        try:
            response = self.session.post(
                self.base + path,
                data=body,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                allow_redirects=False,
            )
        except OSError:
            return 599
        return response.status_code

    def sign_in(self, email: str, password: str) -> bool:
        _status, _kind, page = self.get("/login")
        token = CSRF.search(page)
        if token is None:
            return False
        body = encode([("csrf_token", token.group(1)), ("email", email), ("password", password)])
        return self.post("/login", body) == 302

    def prepare_applicant(self) -> None:
        """A questionnaire in progress, so that its pages (and their forms) can be reached."""
        _status, _kind, page = self.get("/questions/")
        token = CSRF.search(page)
        if token is not None:
            self.post("/questions/entreevragenlijst/start", encode([("csrf_token", token[1])]))


def run(base_url: str, session_factory: Callable[[], object] | None = None) -> list[str]:
    """Sweep as every demo role, then anonymously (last: failed logins count per address).
    The summary line, then one line per 500 or per role that could not sign in."""
    total, failures = 0, []
    for role in (*DEMO_LOGINS, "anonymous"):
        if session_factory is not None:  # bench/abuse.py: a new account of the role, signed in
            # (staff through the second factor), the applicant with an open application
            made = session_factory(role=role, application=role == "applicant")  # type: ignore[call-arg]
            client = HttpClient(made, base_url)
        else:
            client = HttpClient(UrllibSession(), base_url)
            if role in DEMO_LOGINS and not client.sign_in(DEMO_LOGINS[role], DEMO_PASSWORD):
                failures.append(f"{role}: could not sign in as {DEMO_LOGINS[role]} (demo data?)")
                continue
        if role == "applicant":
            client.prepare_applicant()
        result = sweep(client, START_PAGES[role])
        total += result.requests
        failures.extend(f"{role}: {line}" for line in result.failures)
    errors = sum(1 for line in failures if "->" in line)
    return [f"bad-input sweep: {total} requests, {errors} with status 500", *failures]


class _Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status_code, self.headers = status, headers
        self.text = body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class UrllibSession:
    """The little of requests.Session the sweep needs, on the standard library."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def _open(self, request) -> _Response:
        try:
            with self.opener.open(request, timeout=60) as response:
                return _Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return _Response(error.code, error.headers, error.read())

    def get(self, url: str, allow_redirects: bool = False) -> _Response:
        return self._open(urllib.request.Request(url))  # noqa: S310 -- the bench's own server

    def post(self, url: str, data: bytes, headers=None, allow_redirects: bool = False):
        return self._open(urllib.request.Request(url, data=data, headers=headers or {}))  # noqa: S310


if __name__ == "__main__":
    report = run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
    for line in report:
        print(line)
    sys.exit(1 if len(report) > 1 else 0)  # a line besides the summary is a problem
