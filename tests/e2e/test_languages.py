"""The applicant's journey in every language, on a 320 px wide screen: apply (typing the date
example the page shows), activate from the mail, the checklist, the questionnaire, the log and
messages; axe and "no horizontal scrolling" on every page (check). The language switcher by
keyboard, and "Read aloud" with and without a voice for the page's language.

Selectors use names and addresses, not texts, so one journey serves every language; the texts
that are checked come from the catalogues."""

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from portal.catalogues import APPLICANT_LOCALES
from portal.roles import Role
from tests.e2e.conftest import check, fill_date, mail_link, main_menu, sign_in
from tests.e2e.test_intake import answer_page
from tests.portal.test_translations import ROOT
from tests.portal.werkmap.test_pdf_scripts import pdf_text, readable
from tests.questionnaires.test_golden import SELF_STARTER

PASSWORD = "een lange wachtzin 2026"
RTL = {"ar"}


@cache
def catalogue(locale: str):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)


def _(locale: str, msgid: str) -> str:
    return catalogue(locale)[msgid].string if locale != "en" else msgid


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("load")


def in_language(page: Page, locale: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if locale in RTL else "ltr")


def menu(page: Page, href: str) -> None:
    """Follow a link of the main menu, opening its Menu button first (any language)."""
    main_menu(page)
    page.locator(f"nav.portal-nav a[href='{href}']:visible").click()
    page.wait_for_load_state("load")
    check(page)


@pytest.mark.parametrize("locale", APPLICANT_LOCALES)  # English: test_intake, test_accounts
def test_applicant_journey_in_every_language_at_320_px(new_page, locale):
    page = new_page("narrow", locale=locale)  # the browser asks for this language first
    page.goto("/apply")
    in_language(page, locale)
    check(page)
    page.locator("input[name=name]").fill("Samira Haddad")
    example = page.locator("#born_on-description .portal-date__example").inner_text()
    day, month, year = re.findall(r"\d+", example)  # typed as shown, box by box
    for part, value in zip(("day", "month", "year"), (day, month, year), strict=True):
        page.locator(f"input[name='born_on-{part}']").fill(value)
    page.locator("input[name=email]").fill(f"samira.{locale}@example.nl")
    submit(page)
    in_language(page, locale)
    expect(page.get_by_role("heading", level=1)).to_have_text(_(locale, "Check your email"))
    check(page)
    subject = _(locale, "Confirm your application for social assistance")
    page.goto(mail_link(page, subject, "/apply/confirm"))  # the owner of the address confirms
    in_language(page, locale)
    check(page)
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _(locale, "Your application is confirmed")
    )
    check(page)

    page.goto("/dev/mailbox/")
    check(page)
    subject = _(locale, "Your application: look for work in the next four weeks")
    page.get_by_role("link", name=subject).first.click()
    check(page)
    page.goto(page.locator("main a[href*='/activate?token=']").first.get_attribute("href"))
    in_language(page, locale)
    check(page)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=confirm]").fill(PASSWORD)
    submit(page)
    in_language(page, locale)
    check(page)

    menu(page, "/search-period/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_(locale, "My first four weeks"))
    menu(page, "/questions/")
    submit(page)  # start
    check(page)
    while "/page/" in page.url:
        answer_page(page, SELF_STARTER)
        check(page)
    submit(page)  # send my answers
    in_language(page, locale)
    expect(page.get_by_role("heading", level=1)).to_have_text(_(locale, "Our advice"))
    check(page)

    menu(page, "/werkmap/")
    page.locator("main a[href='/werkmap/new']").first.click()
    check(page)
    page.locator("input[name=organisation]").fill("Bakkerij De Zon")
    page.locator("input[name=job_title]").fill("Verkoper")
    submit(page)
    expect(page.get_by_text(_(locale, "Saved: it is in your log."))).to_be_visible()
    check(page)
    menu(page, "/messages/")
    in_language(page, locale)


def test_language_switcher_works_by_keyboard_and_fits_a_phone(new_page):
    page = new_page("narrow")
    page.goto("/login")
    check(page)
    switcher = page.locator(".portal-langswitch")
    header = page.locator(".portal-header").bounding_box()
    demo = page.locator(".portal-demo-banner").bounding_box()  # the browser tests run in demo mode
    assert header["height"] - (demo["height"] if demo else 0) < 200  # folded menus leave the page
    page.locator(".portal-langswitch > summary").focus()
    page.keyboard.press("Enter")
    expect(switcher.get_by_role("button", name="العربية")).to_be_visible()
    check(page)
    for _step in range(3):  # Nederlands, English, العربية
        page.keyboard.press("Tab")
    expect(switcher.get_by_role("button", name="العربية")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    in_language(page, "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text(_("ar", "Sign in"))
    check(page)


FAKE_VOICES = """
window.__spoken = [];
const voices = [{lang: "ar-SA", name: "Test Arabic", default: true}];
const synth = {
  getVoices: () => voices, speak: (u) => { window.__spoken.push({lang: u.lang, text: u.text}); },
  cancel: () => {}, addEventListener: () => {}, onvoiceschanged: null,
};
Object.defineProperty(window, "speechSynthesis", {value: synth});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_read_aloud_in_the_page_language_only_when_a_voice_exists(new_page):
    page = new_page("phone", locale="ar")
    page.context.add_init_script(FAKE_VOICES)
    page.goto("/apply")
    check(page)
    button = page.locator("[data-read-aloud] button")
    expect(button).to_be_visible()
    expect(button).to_have_text(_("ar", "Read aloud"))
    button.click()
    expect(button).to_have_text(_("ar", "Stop reading aloud"))
    spoken = page.evaluate("window.__spoken")
    assert spoken[0]["lang"] == "ar"
    assert _("ar", "Apply for social assistance") in spoken[0]["text"]
    assert _("ar", "Read aloud") not in spoken[0]["text"]

    dutch = new_page("phone", locale="nl")  # the fake only has an Arabic voice
    dutch.context.add_init_script(FAKE_VOICES)
    dutch.goto("/apply")
    check(dutch)
    expect(dutch.locator("[data-read-aloud]")).to_be_hidden()


@pytest.mark.parametrize("locale", ["ar", "ti"])
def test_printed_letter_in_arabic_and_tigrinya_reads_back(new_page, make_account, locale):
    consultant = make_account(Role.CONSULTANT)
    desk = new_page("desktop")
    sign_in(desk, consultant.email)
    check(desk)
    desk.goto("/search-period/register")
    check(desk)
    desk.locator("input[name=name]").fill("Ahmad Haidari")
    fill_date(desk, "born_on", "1990-03-15")
    desk.locator("select[name=language]").select_option(locale)
    submit(desk)
    letter = desk.locator("article.portal-letter")
    expect(letter).to_have_attribute("lang", locale)
    check(desk)
    text = pdf_text(desk.pdf())  # as printed: Chromium's PDF, read back by pdftotext
    for msgid in (
        "Your account on the portal",
        "The code works once, for 60 days. Keep this letter safe.",
    ):
        assert readable(_(locale, msgid)) in text
    assert readable(letter.locator(".portal-code").inner_text()) in text
