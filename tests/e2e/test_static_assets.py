"""What a browser downloads: a cold applicant page under 100 KB in all; a warm one fetches no
stylesheet again (fingerprinted, compressed, cached for a year as immutable)."""

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import check, sign_in


def _transfers(page, path: str) -> list[tuple[str, str, int]]:
    """(url, resource type, bytes over the wire: headers and encoded body) per request."""
    seen: list = []

    def listener(request) -> None:
        seen.append(request)

    page.on("requestfinished", listener)
    page.goto(path)
    page.wait_for_load_state("load")
    page.remove_listener("requestfinished", listener)
    found = []
    for request in seen:
        sizes = request.sizes()
        wire = sizes["responseBodySize"] + max(0, sizes["responseHeadersSize"])
        found.append((request.url, request.resource_type, wire))
    return found


def test_cold_and_warm_applicant_page(new_page, make_account):
    user = make_account(Role.APPLICANT, name="Noor Snel")
    page = new_page("phone")
    page.goto("/login")
    check(page)
    sign_in(page, user.email)
    check(page)
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    cold = _transfers(page, "/werkmap/")
    check(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    warm = _transfers(page, "/werkmap/")
    check(page)
    stylesheets = [t for t in cold if t[1] == "stylesheet"]
    assert len(stylesheets) == 1 and stylesheets[0][2] > 0, cold
    assert sum(size for _url, _kind, size in cold) < 100_000, cold
    assert [t for t in warm if t[1] == "stylesheet" and t[2] > 0] == [], warm
