"""Demo data: one account per role plus applicants, idempotent."""

from sqlalchemy import func, select

from portal.caseload.models import Assignment
from portal.db import db
from portal.intake.models import QuestionnaireResponse
from portal.people import User
from portal.roles import Role
from portal.werkmap.models import LogEntry


def _seed(make_app):
    """`portal seed-demo` on a demo-mode app (the CLI runs in the app context it finds)."""
    demo = make_app(PORTAL_DEMO=True)
    with demo.app_context():
        return demo.test_cli_runner().invoke(args=["seed-demo"])


def test_seed_demo_is_idempotent_and_covers_every_role(app, make_app):
    first = _seed(make_app)
    second = _seed(make_app)
    assert first.exit_code == 0 and second.exit_code == 0
    assert "teamleider@demo.example" in first.output
    counts = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert set(counts) == set(Role)
    assert counts[Role.APPLICANT] == 6 and counts[Role.TEAM_LEAD] == 1
    submitted = db.session.scalar(select(func.count()).select_from(QuestionnaireResponse))
    assert submitted == 5  # not doubled by the second run
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 1
    assert db.session.scalar(select(func.count()).select_from(LogEntry)) == 3


def test_demo_accounts_sign_in_without_a_second_factor_under_a_demo_banner(make_app):
    demo = make_app(PORTAL_DEMO=True)
    with demo.app_context():
        demo.test_cli_runner().invoke(args=["seed-demo"])
    client = demo.test_client()
    response = client.submit(
        "/login", {"email": "teamleider@demo.example", "password": "demo-wachtwoord-2026"}
    )
    assert response.headers["Location"] == "/start"
    assert client.get("/start").headers["Location"] == "/team-lead"
    assert "portal-demo-banner" in client.get("/team-lead").get_data(as_text=True)


def test_outside_demo_mode_the_demo_accounts_need_the_second_factor(app, make_app, client):
    _seed(make_app)  # the accounts exist; the portal then runs without demo mode
    response = client.submit(
        "/login", {"email": "teamleider@demo.example", "password": "demo-wachtwoord-2026"}
    )
    assert response.headers["Location"] == "/second-factor/setup"
    assert client.get("/team-lead").headers["Location"].startswith("/second-factor/setup")
    assert "portal-demo-banner" not in client.get("/").get_data(as_text=True)


def test_init_db_command(app):
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0 and "up to date" in result.output
