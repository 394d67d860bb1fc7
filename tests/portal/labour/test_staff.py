"""The municipality's lists: competences on a screen, occupations and vacancies imported from
CSV or JSON (all or nothing, bad lines named)."""

import io
import json

from sqlalchemy import select

from portal.db import db
from portal.labour.models import Competence, Occupation, Vacancy
from portal.roles import Role
from tests.portal.labour.helpers import seed_lists

CSV = (
    "name;code;region;sector;demand;requirements\n"
    "Kok;5120;Groningen;hospitality;high;haccp;samenwerken\n"
)


def _upload(client, kind, raw, name):
    page = client.get("/labour-market/import").get_data(as_text=True)
    key = page.split('name="form_key" type="hidden" value="')[1].split('"')[0]
    return client.submit(
        "/labour-market/import",
        {"kind": kind, "form_key": key, "file": (io.BytesIO(raw), name)},
        content_type="multipart/form-data",
    )


def test_a_team_lead_adds_and_changes_a_competence(client, login_as):
    login_as(Role.TEAM_LEAD)
    form = {
        "code": "Koken",
        "name": "Koken",
        "group": "Praktisch werk",
        "how_to_learn": "Cursus",
        "active": "y",
    }
    assert client.submit("/labour-market/competences/new", form).status_code == 302
    item = db.session.scalar(select(Competence))
    assert (item.code, item.active) == ("koken", True)
    html = client.submit("/labour-market/competences/new", {**form, "name": "Anders"}).get_data(
        as_text=True
    )
    assert "Een andere vaardigheid heeft deze code al." in html and 'value="Anders"' in html
    html = client.submit("/labour-market/competences/new", {**form, "code": "ko ken"}).get_data(
        as_text=True
    )
    assert "Gebruik alleen letters, cijfers, - en _." in html
    changed = {**form, "active": ""}
    assert client.submit(f"/labour-market/competences/{item.id}", changed).status_code == 302
    db.session.refresh(item)
    assert item.active is False
    assert len(db.session.scalars(select(Competence)).all()) == 1


def test_occupations_import_from_csv_and_update_by_name_and_region(client, login_as):
    seed_lists()
    login_as(Role.FUNCTIONAL_ADMIN)
    assert _upload(client, "occupations", CSV.encode(), "kansrijk.csv").status_code == 302
    kok = db.session.scalar(select(Occupation).where(Occupation.name == "Kok"))
    assert kok.code == "5120" and [c.code for c in kok.requirements] == ["haccp"]
    # The requirements column of a CSV with ';' as separator: use ',' as the delimiter.
    comma = "name,code,region,sector,demand,requirements\nKok,5120,Groningen,hospitality,medium,haccp;samenwerken\n"
    assert _upload(client, "occupations", comma.encode(), "kansrijk.csv").status_code == 302
    db.session.refresh(kok)
    assert kok.demand == "medium" and {c.code for c in kok.requirements} == {"haccp", "samenwerken"}
    assert len(db.session.scalars(select(Occupation).where(Occupation.name == "Kok")).all()) == 1


def test_a_bad_import_names_the_lines_and_saves_nothing(client, login_as):
    seed_lists()
    login_as(Role.TEAM_LEAD)
    rows = [
        {
            "reference": "v1",
            "title": "Kok",
            "employer": "X",
            "sector": "hospitality",
            "hours": "20",
            "requirements": ["haccp"],
        },
        {"reference": "v2", "title": "Kok", "employer": "X", "sector": "moon", "hours": "20"},
        {
            "reference": "v3",
            "title": "Kok",
            "employer": "X",
            "sector": "care",
            "hours": "ninety",
            "url": "javascript:alert(1)",
        },
        {
            "reference": "v4",
            "title": "Kok",
            "employer": "X",
            "sector": "care",
            "requirements": ["flying"],
        },
    ]
    before = len(db.session.scalars(select(Vacancy)).all())
    html = _upload(client, "vacancies", json.dumps(rows).encode(), "v.json").get_data(as_text=True)
    assert "Regel 2: Onbekende sector: moon." in html
    assert "Regel 3: hours is een heel getal van 1 tot 60." in html
    assert "Regel 4: Onbekende code van een vaardigheid: flying." in html
    assert len(db.session.scalars(select(Vacancy)).all()) == before
    for raw, name, message in (
        (b"\xff\xfe", "x.csv", "Sla het bestand op als UTF-8"),
        (b"{}", "x.json", "De JSON moet een lijst van objecten zijn."),
        (b"[", "x.json", "Dit is geen geldige JSON."),
        (b"name;code\n", "x.csv", "Het bestand heeft geen regels."),
    ):
        assert message in _upload(client, "occupations", raw, name).get_data(as_text=True)
    page = client.get("/labour-market/import").get_data(as_text=True)
    key = page.split('name="form_key" type="hidden" value="')[1].split('"')[0]
    no_file = client.submit("/labour-market/import", {"kind": "vacancies", "form_key": key})
    assert "Kies een bestand." in no_file.get_data(as_text=True)


def test_the_demo_lists_load_and_are_consistent(app):
    ids = seed_lists()
    assert len(ids) >= 12
    occupations = db.session.scalars(select(Occupation)).all()
    assert len(occupations) >= 8 and all(o.requirements for o in occupations)
    assert {o.demand for o in occupations} == {"high", "medium", "low"}
    assert all(v.closes_on for v in db.session.scalars(select(Vacancy)))
    seed_lists()  # twice: nothing doubles
    assert len(db.session.scalars(select(Occupation)).all()) == len(occupations)
