"""New questionnaire versions: checked on upload, compared, published for new responses only."""

import io

from sqlalchemy import func, select

from portal.db import db
from portal.intake import services as intake
from portal.intake.version_models import Publication, StoredDefinition
from portal.intake.version_services import source_of
from portal.roles import Role

ROUTE = '  [[schemes.drie_lijnen.routes]]\n  id = "self_starter"'
BY_GENDER = (
    '  [[schemes.drie_lijnen.routes]]\n  id = "by_gender"\n  outcome = "zelfdoeners"\n'
    '  when = { question = "gender", op = "eq", value = "man" }\n'
    '  reasons = ["You can find work on your own."]\n  explain = ["kunnen"]\n\n'
)


def _version_3(source: str | None = None) -> str:
    return (source or source_of("entreevragenlijst", 2)).replace("version = 2", "version = 3", 1)


def _stored() -> int:
    return db.session.scalar(select(func.count()).select_from(StoredDefinition))


def test_a_route_on_a_protected_attribute_is_refused_on_upload(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    hostile = _version_3().replace(ROUTE, BY_GENDER + ROUTE, 1)
    response = client.submit(
        "/beheer/questionnaires/entreevragenlijst/new",
        {"file": (io.BytesIO(hostile.encode()), "v3.toml"), "source": ""},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "protected attribute" in page or "beschermd" in page
    assert "gender" in page
    assert _stored() == 0


def test_unmarking_a_protected_question_is_refused(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    unmarked = _version_3().replace("required = false\n  protected = true", "required = false", 1)
    response = client.submit("/beheer/questionnaires/entreevragenlijst/new", {"source": unmarked})
    assert "gender" in response.get_data(as_text=True)
    assert _stored() == 0


def test_bad_toml_gets_a_plain_message(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit(
        "/beheer/questionnaires/entreevragenlijst/new", {"source": 'id = "entreevragenlijst\n'}
    )
    assert response.status_code == 200
    assert _stored() == 0
    assert "utrecht-form-field--invalid" in response.get_data(as_text=True)


def test_publishing_changes_the_version_for_new_responses_only(
    app, client, login_as, make_user, make_response
):
    admin = login_as(Role.FUNCTIONAL_ADMIN)
    earlier = make_response(make_user(Role.APPLICANT), submit=False)
    assert earlier.version == 2
    saved = client.submit(
        "/beheer/questionnaires/entreevragenlijst/new",
        {
            "source": _version_3().replace(
                "It takes about 15 minutes.", "It takes about 20 minutes."
            )
        },
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)[-2000:]
    assert saved.headers["Location"].endswith("/beheer/questionnaires/entreevragenlijst/3")
    compared = client.get("/beheer/questionnaires/entreevragenlijst/3")
    assert compared.status_code == 200
    # Saved but not published: new responses still get version 2.
    assert make_response(make_user(Role.APPLICANT), submit=False).version == 2
    published = client.submit("/beheer/questionnaires/entreevragenlijst/3/publish")
    assert published.status_code == 302
    row = db.session.scalar(select(Publication))
    assert (row.version, row.published_by_id) == (3, admin.id)
    assert row.published_at is not None
    later = make_response(make_user(Role.APPLICANT))
    assert later.version == 3
    assert later.advised_outcome is not None
    db.session.refresh(earlier)
    assert earlier.version == 2
    assert intake.definition(earlier).version == 2
    assert intake.definition(later).intro.startswith("With these questions")
    assert "20 minutes" in intake.definition(later).intro
    # Publishing the same version again is refused; going back to version 2 is a publication.
    client.submit("/beheer/questionnaires/entreevragenlijst/3/publish")
    assert db.session.scalar(select(func.count()).select_from(Publication)) == 1
    client.submit("/beheer/questionnaires/entreevragenlijst/2/publish")
    assert make_response(make_user(Role.APPLICANT), submit=False).version == 2


def test_a_version_number_that_exists_is_refused(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit(
        "/beheer/questionnaires/entreevragenlijst/new",
        {"source": source_of("entreevragenlijst", 2)},
    )
    assert response.status_code == 200
    assert _stored() == 0
