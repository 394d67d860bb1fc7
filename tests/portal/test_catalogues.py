"""portal translations check and readability: what counts as applicant-facing, and each
kind of problem the check must make obvious."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from portal import catalogues, readability
from portal.roles import Role


@pytest.fixture(scope="module")
def found():
    return catalogues.extract()


def test_applicant_and_staff_messages_are_told_apart(found):
    applicant = catalogues.applicant_only(found)
    assert "Sign out" in applicant  # base.html
    assert "Activate my account" in applicant
    assert "Which activities suit you?" in applicant  # a questionnaire (TOML)
    assert "Save the assessment" not in applicant  # a consultant's page
    # navigation.py holds both: the staff menus are marked '# staff only'
    assert "My job-search log" in applicant
    assert "Plan the information meetings for Zelfdoeners." not in applicant
    assert found["Plan the information meetings for Zelfdoeners."] == {catalogues.STAFF_TAG}


def test_button_labels_are_found_in_templates():
    buttons = catalogues.button_labels()
    assert {"Activate my account", "Yes, I will come", "Show"} <= buttons


def _catalogue(root: Path, locale: str, entries: dict, comment: str = "") -> None:
    catalogue = Catalog(locale=locale, header_comment=comment or "# test")
    for msgid, (string, fuzzy) in entries.items():
        catalogue.add(msgid, string, flags=("fuzzy",) if fuzzy else ())
    folder = root / "translations" / locale / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.po", "wb") as f:
        write_po(f, catalogue)


def test_check_reports_missing_fuzzy_placeholders_and_long_buttons(tmp_path):
    _catalogue(
        tmp_path,
        "nl",
        {"Save": ("Opslaan", False), "Hello %(name)s": ("Hallo %(name)s", False)},
    )
    _catalogue(
        tmp_path,
        "tr",
        {
            "Save": ("Kaydet ve devam et lütfen", False),  # 25 > 1.6 × 7
            "Hello %(name)s": ("Merhaba %(isim)s", False),
            "Staff text": ("", False),
            "Fuzzy": ("Belki", True),
        },
        comment="# REVIEW STATUS: awaits review by a native speaker.",
    )
    applicant = frozenset({"Save", "Hello %(name)s", "Fuzzy", "Not there"})
    dutch = catalogues.load("nl", tmp_path)
    result = catalogues.check_locale("tr", applicant, {"Save"}, dutch, tmp_path)
    kinds = {(p.kind, p.msgid) for p in result.problems}
    assert kinds == {
        ("too long", "Save"),
        ("placeholders", "Hello %(name)s"),
        ("fuzzy", "Fuzzy"),
        ("missing", "Not there"),
    }
    assert "Staff text" not in {p.msgid for p in result.problems}  # staff only: English
    assert result.awaits_review
    assert (result.applicant_done, result.applicant_total) == (2, 4)


def test_a_plural_form_may_leave_out_the_count_but_never_invent_a_name():
    message = Catalog(locale="ar").add(
        ("%(num)d unread", "%(num)d unread"), ("لا شيء", "واحدة", "%(num)d", "", "", "")
    )
    assert catalogues.placeholder_problem(message) == ""
    message.string = ("%(count)d", "", "", "", "", "")
    assert catalogues.placeholder_problem(message) == "unknown count"


def test_the_shipped_catalogues_pass_the_check():
    results = catalogues.check()
    assert [str(p) for r in results for p in r.problems] == []
    assert {r.locale for r in results if r.awaits_review} == {"ar", "tr", "pl", "uk", "ti"}
    assert all(r.percent == 100 for r in results)


def test_the_cli_fails_on_a_missing_message(app, monkeypatch):
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["translations", "check", "--locale", "ar"])
    assert ok.exit_code == 0, ok.output
    assert "awaits review by a native speaker" in ok.output
    monkeypatch.setattr(
        catalogues, "extract", lambda root=None: {"A message nobody translated": {"x.html"}}
    )
    failed = runner.invoke(args=["translations", "check", "--locale", "ar"])
    assert failed.exit_code == 1
    assert "ar: missing: 'A message nobody translated'" in failed.output


def test_readability_finds_long_sentences_and_office_words():
    dutch = Catalog(locale="nl")
    dutch.add(
        "long", "Dit is een zin met veel te veel woorden voor iemand die het Nederlands nog leert."
    )
    dutch.add("office", "U bent een Zelfdoener. De norm is %(norm)s.")
    dutch.add("short", "Dit is kort.")
    found = {"long": {"a.html"}, "office": {"a.html"}, "short": {"b.html"}}
    pages = readability.pages(found, frozenset(found), dutch)
    a, b = pages
    assert [n for n, _ in a.too_long] == [16]
    assert len(a.jargon) == 2
    assert b.too_long == [] and b.jargon == []


def test_readability_of_the_shipped_dutch_applicant_pages(found):
    dutch = catalogues.load("nl")
    pages = readability.pages(
        catalogues.applicant_sources(found), catalogues.applicant_only(found), dutch
    )
    assert [(p.source, p.too_long, p.jargon) for p in pages if p.too_long or p.jargon] == []
    sources = {p.source for p in pages}
    assert "portal/templates/werkmap/cv.html" in sources
    assert "portal/templates/coaching/file.html" not in sources  # staff only


def test_team_lead_sees_completion_per_language(client, login_as):
    login_as(Role.TEAM_LEAD)
    html = client.get("/team-lead/translations").text
    assert "Wacht op controle door een moedertaalspreker" in html
    assert 'lang="ti" dir="ltr">ትግርኛ' in html and 'lang="ar" dir="rtl">العربية' in html
    assert "(100%)" in html
