"""What the identity work costs per request and per sign-in.

    .venv/bin/python bench/sessions.py [repeats]

One process, a temporary SQLite database migrated to head. Prints medians over `repeats`
(default 200) after 10 warm-up rounds:
- the server time and SQL statements of a small signed-in page (/account/) for an applicant
  (the server-side session: one lookup per request, a write at most every 30 s);
- the password check (zxcvbn with Dutch words and the person's name) for a good and a weak
  password;
- the second factor's code check (pyotp).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp
from sqlalchemy import event

from bench.setup import account, bench_app, median_ms
from bench.signin import sign_in
from portal.auth.password_services import guessable
from portal.roles import Role


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    app = bench_app()
    person = account(
        app, "fatma.yilmaz@example.nl", "Fatma Yılmaz", Role.APPLICANT, "bench-password-lang"
    )
    client = app.test_client()
    sign_in(client, person.email, "bench-password-lang")
    engine = app.extensions["db_engine"]
    statements = []
    listener = lambda *_args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    assert client.get("/account/").status_code == 200
    event.remove(engine, "before_cursor_execute", listener)
    page = median_ms(lambda: client.get("/account/").get_data(), repeats)
    good = median_ms(lambda: guessable("de kat slaapt op de bank", person), repeats)
    weak = median_ms(lambda: guessable("Welkom2026!", person), repeats)
    totp = pyotp.TOTP(pyotp.random_base32())
    code = median_ms(lambda: totp.verify(totp.now(), valid_window=1), repeats)
    print(f"median over {repeats} rounds")
    print(f"  /account/ signed in:       {page:6.2f} ms, {len(statements)} SQL statements")
    print(f"  password check (good):     {good:6.2f} ms")
    print(f"  password check (weak):     {weak:6.2f} ms")
    print(f"  TOTP code check:           {code:6.3f} ms")


if __name__ == "__main__":
    main()
