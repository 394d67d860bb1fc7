"""Text overrides: per language, on the page and in mail, kept in the database (a restart
keeps them), placeholders checked, exported and imported as one file."""

import io
import json

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal import texts
from portal.auth import services as auth
from portal.beheer import text_services
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.extensions import babel
from portal.mail import OutboxMessage
from portal.roles import Role
from portal.texts import TextOverride

RIGHTS = "Make a CV."  # on /info/rights-and-duties and in the activeringsmail
RESET = "The link works for one hour and only once."  # in the reset-password mail
DEAR = "Dear %(name)s,"


def _number(key: str, msgid: str) -> int:
    return text_services.messages(text_services.document(key)).index(msgid) + 1


def _override(client, key, msgid, text, language="nl", action="save"):
    return client.submit(
        f"/beheer/texts/{key}/{_number(key, msgid)}?language={language}",
        {"text": text, "action": action},
    )


def test_an_override_changes_the_page_in_that_language_only_and_survives_a_restart(
    app, client, login_as, make_client, make_app
):
    login_as(Role.FUNCTIONAL_ADMIN)
    response = _override(client, "page-rights", RIGHTS, "Maak een cv. Wij helpen je daarbij.")
    assert response.status_code == 302
    visitor = make_client()
    dutch = visitor.get("/info/rights-and-duties?lang=nl").get_data(as_text=True)
    english = visitor.get("/info/rights-and-duties?lang=en").get_data(as_text=True)
    assert "Maak een cv. Wij helpen je daarbij." in dutch
    assert "Maak een cv. Wij helpen je daarbij." not in english
    assert "Make a CV." in english
    # A new app process (another setting forces a fresh instance) reads it from the database.
    restarted = make_app(PORTAL_PAGE_SIZE_UNUSED=1).test_client()
    assert "Maak een cv. Wij helpen je daarbij." in restarted.get(
        "/info/rights-and-duties?lang=nl"
    ).get_data(as_text=True)


def test_an_override_changes_the_mail_in_that_language_only(app, client, login_as, make_user):
    login_as(Role.FUNCTIONAL_ADMIN)
    assert (
        _override(client, "mail-reset", RESET, "De link werkt 1 uur, en maar 1 keer.").status_code
        == 302
    )
    dutch = make_user(Role.APPLICANT, locale="nl")
    english = make_user(Role.APPLICANT, locale="en")
    with app.test_request_context(), unit_of_work():
        auth.request_password_reset(dutch.email, utcnow(), "nl")
        auth.request_password_reset(english.email, utcnow(), "en")
    bodies = {m.recipient: m.body_text for m in db.session.scalars(select(OutboxMessage))}
    assert "De link werkt 1 uur, en maar 1 keer." in bodies[dutch.email]
    assert "De link werkt 1 uur" not in bodies[english.email]
    assert RESET in bodies[english.email]


def test_a_bad_placeholder_is_refused_and_nothing_is_saved(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    unknown = _override(client, "mail-reset", DEAR, "Beste %(naam)s,")
    assert unknown.status_code == 200
    assert "%(naam)s" in unknown.get_data(as_text=True)
    missing = _override(client, "mail-reset", DEAR, "Beste mevrouw of meneer,")
    assert "Keep %(name)s" in missing.get_data(as_text=True) or "Laat %(name)s" in missing.get_data(
        as_text=True
    )
    percent = _override(client, "mail-reset", DEAR, "Beste %(name)s, 100% zeker")
    assert percent.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(TextOverride)) == 0


def test_preview_and_diff_save_nothing_and_reset_goes_back_to_the_shipped_text(
    app, client, login_as
):
    login_as(Role.FUNCTIONAL_ADMIN)
    page = _override(client, "page-rights", RIGHTS, "Maak je cv.", action="preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<ins>Maak je cv.</ins>" in html or "<ins>je</ins>" in html
    assert "Maak je cv." in html  # the page with example data
    assert db.session.scalar(select(func.count()).select_from(TextOverride)) == 0
    _override(client, "page-rights", RIGHTS, "Maak je cv.")
    number = _number("page-rights", RIGHTS)
    assert client.submit(f"/beheer/texts/page-rights/{number}/reset?language=nl").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(TextOverride)) == 0
    assert "Maak je cv." not in client.get("/info/rights-and-duties?lang=nl").get_data(as_text=True)


def test_export_and_import_carry_the_overrides_as_one_file(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    _override(client, "page-rights", RIGHTS, "Maak je cv.")
    _override(client, "mail-reset", RESET, "Een uur geldig.", language="tr")
    exported = client.get("/beheer/texts/export.json")
    data = json.loads(exported.get_data(as_text=True))
    assert {(o["locale"], o["text"]) for o in data["overrides"]} == {
        ("nl", "Maak je cv."),
        ("tr", "Een uur geldig."),
    }
    with unit_of_work():
        for row in db.session.scalars(select(TextOverride)):
            db.session.delete(row)
    response = client.submit(
        "/beheer/texts/import",
        {"file": (io.BytesIO(exported.get_data()), "texts.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(TextOverride)) == 2
    bad = json.dumps(
        {"format": data["format"], "overrides": [{"locale": "nl", "msgid": DEAR, "text": "Hoi"}]}
    )
    refused = client.submit(
        "/beheer/texts/import",
        {"file": (io.BytesIO(bad.encode()), "texts.json")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(TextOverride)) == 2


def test_a_message_outside_the_editable_documents_is_refused(app, make_user):
    admin = make_user(Role.FUNCTIONAL_ADMIN)
    with app.test_request_context(), pytest.raises(DomainError, match="kan hier niet"):
        text_services.save(admin, "nl", "Staff accounts", "Iets", utcnow())


def test_the_catalogue_is_looked_up_once_per_request_and_anew_after_a_change(app, make_user):
    """A caseload page shows some eighty lazy texts, and each asked for its catalogue and
    overlay again. Now it is kept for the request, but a change, a preview, the shipped texts
    and another language each get their own (failed before: `a is b` was False)."""
    admin = make_user(Role.FUNCTIONAL_ADMIN)
    domain = babel.domain_instance
    with app.test_request_context("/"):
        first = domain.get_translations()
        assert domain.get_translations() is first
        with unit_of_work():
            text_services.save(admin, "nl", RIGHTS, "Maak een cv met hulp.", utcnow())
        changed = domain.get_translations()
        assert changed is not first and changed.ugettext(RIGHTS) == "Maak een cv met hulp."
        with texts.trying("nl", RIGHTS, "Proef"):
            assert domain.get_translations().ugettext(RIGHTS) == "Proef"
        changed = domain.get_translations()
        assert changed.ugettext(RIGHTS) == "Maak een cv met hulp."
        with texts.shipped():
            assert domain.get_translations().ugettext(RIGHTS) != "Maak een cv met hulp."
        with force_locale("en"):
            assert domain.get_translations().ugettext(RIGHTS) == RIGHTS
        assert domain.get_translations().ugettext(RIGHTS) == "Maak een cv met hulp."
