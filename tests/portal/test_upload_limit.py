"""The largest file is a setting (PORTAL_MAX_FILE_MB): the texts and every check follow it."""

import io

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal.files import MB
from portal.roles import Role


def test_texts_and_checks_follow_the_setting(make_app, make_user, login):
    web = make_app(PORTAL_MAX_FILE_MB=1)
    assert web.config["MAX_CONTENT_LENGTH"] == 3 * MB
    client = web.test_client()
    login(make_user(Role.APPLICANT), target=client)
    assert "hoogstens 1 MB" in client.get("/werkmap/cv/upload").get_data(as_text=True)
    assert "hoogstens 1 MB" in client.get("/werkmap/new").get_data(as_text=True)
    assert "hoogstens 1 MB" in client.get("/messages/").get_data(as_text=True)
    # Encoded in memory: the test client would spool the body to a file it never closes.
    boundary, body = encode_multipart(
        {
            "csrf_token": client.csrf_token(),
            "file": FileStorage(io.BytesIO(b"{" + b" " * MB + b"}"), "werkmap.json"),
        }
    )
    html = client.post(
        "/werkmap/take-along/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    ).get_data(as_text=True)
    assert "Het bestand is te groot. Het mag hoogstens 1 MB zijn." in html
