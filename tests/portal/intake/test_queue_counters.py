"""The advice queue reads only undecided responses (a marker with a partial index) and counts
in pages; the figures are monthly counters kept with each decision."""

from sqlalchemy import select

from portal.db import db, unit_of_work, utcnow
from portal.intake import figure_services, services
from portal.intake.models import QuestionnaireResponse, RoutingFigure
from portal.pages import Page
from portal.roles import Role


def test_a_decision_marks_the_response_and_counts_in_its_month(app, make_user, make_response):
    consultant = make_user(Role.CONSULTANT)
    first, second = (make_response(make_user()) for _ in range(2))
    assert not first.decided
    with unit_of_work():
        services.decide(consultant, db.session.merge(first), first.advised_outcome, "", utcnow())
        services.decide(
            consultant, db.session.merge(second), "klantondersteuning", "Wil hulp", utcnow()
        )
    db.session.expire_all()
    assert db.session.get(QuestionnaireResponse, first.id).decided
    (figure,) = db.session.scalars(select(RoutingFigure)).all()
    assert (figure.decisions, figure.overridden) == (2, 1)
    assert figure.month == utcnow().date().replace(day=1)
    (row,) = figure_services.override_figures()
    assert (row["decisions"], row["overridden"], row["share"]) == (2, 1, 50)
    assert services.awaiting(consultant, 1, 25) == Page(items=[], total=0, page=1, pages=1)


def test_a_long_queue_is_paged_without_counting_it_all(make_app, make_user, make_response, login):
    web = make_app(PAGE_SIZE=2)
    client = web.test_client()
    for _ in range(5):
        make_response(make_user())
    login(make_user(Role.CONSULTANT), target=client)
    html = client.get("/advice/").get_data(as_text=True)
    assert "Meer dan 2 adviezen wachten op een besluit." in html and "Volgende pagina" in html
    html = client.get("/advice/?page=3").get_data(as_text=True)
    assert "5 adviezen wachten op een besluit" in html and "Volgende pagina" not in html
    # A page past the end (an old link, a typed number) shows the last page, as other lists do.
    html = client.get("/advice/?page=9").get_data(as_text=True)
    assert "5 adviezen wachten op een besluit" in html and "Volgende pagina" not in html
