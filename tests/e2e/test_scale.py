"""The 0–10 scales of the Entreevragenlijst on a phone: one compact row of eleven choices.

The page "Hoe gaat het met u?" asks six scales. As eleven stacked radio buttons each, it was
5,067 px long at 375 px wide; as one row each it is 1,971 px (2,541 px at 320 px, two rows). The choices stay a
fieldset with a legend and native radio buttons (arrow keys, no script needed); each target is
at least 24 × 24 CSS px (WCAG 2.5.8), and at 320 px a row wraps in two instead of scrolling
sideways. `bench/scale_height.py` prints the figures.
"""

from playwright.sync_api import Page, expect

from portal.db import unit_of_work, utcnow
from portal.intake import services
from portal.roles import Role
from tests.e2e.conftest import check, sign_in

PAGE = "/questions/entreevragenlijst/page/positive_health"
SIX_SCALES = ["ph_body", "ph_mind", "ph_meaning", "ph_quality", "ph_participation", "ph_daily"]

# Per scale: the rows its eleven choices take, and the smallest choice's width and height.
LAYOUT = """(names) => names.map((name) => {
  const boxes = [...document.querySelectorAll(`input[name="${name}"]`)]
    .map((input) => input.closest('.portal-choice').getBoundingClientRect());
  return {
    rows: new Set(boxes.map((box) => Math.round(box.top))).size,
    width: Math.min(...boxes.map((box) => box.width)),
    height: Math.min(...boxes.map((box) => box.height)),
  };
})"""


def page_height(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def open_scales(page: Page, live_app, make_account) -> None:
    user = make_account(Role.APPLICANT)
    with live_app.app_context(), unit_of_work():
        services.start(user, "entreevragenlijst", "drie_lijnen", utcnow())
    sign_in(page, user.email)
    check(page)
    page.goto(PAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe gaat het met u?")
    check(page)


def test_six_scales_fit_a_phone(new_page, make_account, live_app):
    page = new_page("phone")
    open_scales(page, live_app, make_account)
    names = page.evaluate(
        "[...new Set([...document.querySelectorAll('main input[type=radio]')].map(i => i.name))]"
    )
    assert names == SIX_SCALES
    assert page_height(page) < 2600  # 5,067 px before, as eleven stacked choices per scale
    for scale in page.evaluate(LAYOUT, names):
        assert scale["rows"] == 1
        assert scale["width"] >= 24 and scale["height"] >= 24  # WCAG 2.5.8 target size

    group = page.get_by_role("group", name="Mijn lichaam: hoe fit en gezond voel ik me?")
    expect(group.get_by_role("radio")).to_have_count(11)
    expect(group.get_by_role("radio", name="0: Heel slecht")).to_be_visible()
    expect(group.get_by_role("radio", name="10: Heel goed")).to_be_visible()
    group.get_by_role("radio", name="7", exact=True).check()  # by the visible number
    page.keyboard.press("ArrowRight")  # native radio buttons: arrows choose the next one
    expect(group.get_by_role("radio", name="8", exact=True)).to_be_checked()

    page.set_viewport_size({"width": 320, "height": 640})
    check(page)
    for scale in page.evaluate(LAYOUT, names):
        assert scale["rows"] == 2
        assert scale["width"] >= 24 and scale["height"] >= 24


def test_scales_without_javascript(new_page, make_account, live_app):
    page = new_page("phone", javascript=False)
    open_scales(page, live_app, make_account)
    for name in SIX_SCALES:
        page.locator(f"input[name='{name}'][value='6']").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Hoe gaat het met u?")
    check(page)
