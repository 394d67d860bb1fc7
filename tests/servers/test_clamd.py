"""The test clamd works: PING, and INSTREAM finds the EICAR string in a PDF-like upload."""

from tests.servers.clamd import EICAR, FOUND, _talk, instream, ping


def pdf(body: bytes) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n"
        + body
        + b"\nendstream\n%%EOF\n"
    )


def test_clamd_answers_ping_and_reports_its_version(clamd):
    assert ping(clamd)
    assert _talk(clamd, b"VERSION").startswith("ClamAV ")


def test_a_pdf_with_the_eicar_string_is_found(clamd):
    assert instream(clamd, pdf(b"Curriculum vitae " + EICAR)) == FOUND


def test_a_clean_pdf_is_ok(clamd):
    assert instream(clamd, pdf(b"Curriculum vitae of a job seeker")) == "stream: OK"


def test_large_streams_are_sent_in_chunks(clamd):
    head = len(pdf(b"")) - len(b"\nendstream\n%%EOF\n")
    data = pdf(b"x" * (64 * 1024 - head - 20) + EICAR + b"y" * 300_000)
    start = data.index(EICAR)
    assert start < 64 * 1024 < start + len(EICAR)  # EICAR straddles the first chunk boundary
    assert instream(clamd, data) == FOUND
    assert instream(clamd, pdf(b"z" * 1_000_000)) == "stream: OK"
