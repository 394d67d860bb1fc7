"""Staff account list: filter and pages."""

from portal.roles import Role


def test_staff_list_pages_and_filter(make_app, make_user, login):
    app = make_app(PAGE_SIZE=2)
    web = app.test_client()
    admin = make_user(Role.TEAM_LEAD, name="Aad Admin")
    for name in ("Bea Coach", "Cas Coach", "Dirk Consulent"):
        make_user(Role.ECOACH if "Coach" in name else Role.CONSULTANT, name=name)
    login(admin, target=web)
    first = web.get("/admin/accounts").get_data(as_text=True)
    assert "4 accounts" in first and "Pagina 1 van 2" in first and "Dirk" not in first
    assert 'href="/admin/accounts?page=2"' in first
    second = web.get("/admin/accounts?page=2").get_data(as_text=True)
    assert "Dirk Consulent" in second and "Vorige pagina" in second
    coaches = web.get("/admin/accounts?role=ecoach").get_data(as_text=True)
    assert "Bea Coach" in coaches and "Cas Coach" in coaches
    assert f'href="/admin/accounts/{admin.id}"' not in coaches
