"""The caseload page: right people, needs-attention first, filter, search, pagination, and a
number of queries that does not grow with the caseload; the file page (stand-ins:
test_stand_ins.py)."""

from datetime import timedelta

from sqlalchemy import select

from portal.audit import AuditEvent
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.messages import services as messages
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.portal.queries import queries_for, statements_for


def _log(person, count):
    with unit_of_work():
        for n in range(count):
            db.session.add(
                LogEntry(
                    owner_id=person.id,
                    day=today(utcnow()) - timedelta(days=n),
                    kind="application",
                    organisation=f"Bedrijf {n}",
                )
            )


def test_needs_attention_first_and_only_own_people(client, login, make_user, zelfdoener):
    coach, other = make_user(Role.ECOACH), make_user(Role.ECOACH)
    calm = zelfdoener("Anna Rustig", coach)
    writing = zelfdoener("Bert Schrijft", coach)
    zelfdoener("Carla Elders", other)
    _log(calm, 1)
    with unit_of_work():
        messages.send(db.session.merge(writing), db.session.merge(writing), "Hallo?", utcnow())
    login(coach)
    html = client.get("/coach/").get_data(as_text=True)
    assert "Bert Schrijft" in html and "Anna Rustig" not in html  # only needs attention
    assert "Ongelezen bericht" in html and "Carla Elders" not in html
    html = client.get("/coach/?show=all").get_data(as_text=True)
    assert html.index("Bert Schrijft") < html.index("Anna Rustig")
    assert "Carla Elders" not in html
    html = client.get("/coach/?show=all&q=anna").get_data(as_text=True)
    assert "Anna Rustig" in html and "Bert Schrijft" not in html
    assert "1 ongelezen" in html  # the menu badge


def test_queries_do_not_grow_with_the_caseload(client, login, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    first = zelfdoener("Persoon 0", coach)
    _log(first, 2)
    login(coach)
    few = queries_for(client, "/coach/?show=all")
    for n in range(1, 12):
        person = zelfdoener(f"Persoon {n}", coach)
        _log(person, n % 3)
    assert queries_for(client, "/coach/?show=all") == few
    html = client.get("/coach/?show=all&page=1").get_data(as_text=True)
    assert "12 mensen getoond" in html


def test_file_shows_everything_and_every_opening_is_audited(
    client, login, make_user, zelfdoener, make_client
):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Eva Dossier", coach)
    login(coach)
    html = client.get(f"/coach/people/{person.id}").get_data(as_text=True)
    for text in (
        "Dossier van Eva Dossier",
        "Advies: U zoekt zelf werk, met hulp van een e-coach",
        "Scores",
        "Evaluatie na drie maanden",
        "Tijdlijn",
        "Voorlichting",
    ):
        assert text in html, text
    assert (
        client.submit(f"/coach/people/{person.id}/notes", {"text": "Belt liever niet."}).status_code
        == 302
    )
    assert "Belt liever niet." in client.get(f"/coach/people/{person.id}").get_data(as_text=True)
    opened = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "file.open", AuditEvent.subject_id == person.id
        )
    )
    assert len(opened.all()) == 2
    own = make_client()
    login(person, target=own)
    for url in ("/my-coach/", "/messages/", "/werkmap/", "/questions/"):
        assert "Belt liever niet." not in own.get(url).get_data(as_text=True)
    assert own.get(f"/coach/people/{person.id}").status_code == 403


def test_opening_a_file_turns_the_audit_chain_once(client, login, make_user, zelfdoener):
    """Opening the file and reading the advice in it are audited in one transaction: one
    commit and one move of the chain's head per page view (failed before: two of each; on
    PostgreSQL every turn is four round trips under the chain's row lock)."""
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Eva Dossier", coach)
    login(coach)
    client.get(f"/coach/people/{person.id}")
    statements = statements_for(client, f"/coach/people/{person.id}")
    turns = [s for s in statements if s.startswith("UPDATE audit_chain SET seq")]
    assert len(turns) == 1
    events = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_id == person.id).order_by(AuditEvent.seq)
    ).all()
    assert events.count("file.open") == 2


def test_the_caseload_page_counts_the_menu_badge_with_the_caseload(
    client, login, make_user, zelfdoener
):
    """The menu's unread badge comes from the caseload's own count: no second pass over the
    caseload (failed before: a sum over assignments and signals of its own)."""
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Gé Volg", coach)
    with unit_of_work():
        messages.send(db.session.merge(person), db.session.merge(person), "Hallo", utcnow())
    login(coach)
    statements = statements_for(client, "/coach/?show=all")
    assert not [s for s in statements if s.startswith("SELECT coalesce(sum(coaching_signal")]
    assert "1 ongelezen" in client.get("/coach/?show=all").get_data(as_text=True)
    assert "1 ongelezen" in client.get("/meetings/").get_data(as_text=True)


def test_a_row_fills_in_its_sentences_per_person_escaped(client, login, make_user, zelfdoener):
    """The table's sentences are translated once and filled in per row (`format`)."""
    coach = make_user(Role.ECOACH)
    zelfdoener('Dirk "<b>Vet</b>"', coach)
    _log(zelfdoener("Eva Twee", coach), 2)
    login(coach)
    html = client.get("/coach/?show=all").get_data(as_text=True)
    assert 'aria-label="Dirk &#34;&lt;b&gt;Vet&lt;/b&gt;&#34; kiezen"' in html
    assert 'aria-label="Eva Twee kiezen"' in html and "<b>Vet</b>" not in html
    assert ">0 van 8</td>" in html and ">2 van 8</td>" in html  # of 4 weeks × 2
