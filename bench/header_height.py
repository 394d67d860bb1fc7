"""How much of a phone screen the header takes (brand, language menu, main menu), per role.

    .venv/bin/python bench/header_height.py [width] [height]

One process: a temporary SQLite database migrated to head, the app on a free local port, one
account per role, Debian's Chromium at the given size (default 320 × 640). For each role the
start page is opened 5 times (Dutch) and the median height of <header> is printed, with the
height when the main menu is opened and the horizontal overflow (should be 0).
"""

import logging
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from portal import create_app
from portal.auth.password_services import hash_password
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role

PASSWORD = "bench-password-2026"
# Development settings with cheap password hashing (the bench signs in once per role).
CONFIG = {
    "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
    "MAIL_BACKEND": "dev",
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
}
CHROMIUM = "/usr/bin/chromium"


def main(width: int, height: int) -> None:
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    upgrade(url)
    app = create_app({**CONFIG, "DATABASE_URL": url})
    with app.app_context(), unit_of_work():
        for role in Role:
            db.session.add(
                User(
                    role=role,
                    email=f"{role.value}@example.nl",
                    name=f"Bench {role.value}",
                    password_hash=hash_password(PASSWORD),
                    activated_at=utcnow(),
                )
            )
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    print(f"viewport {width} x {height} px; median of 5")
    print(f"{'role':<12}{'header':>8}{'menu open':>11}{'overflow':>10}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless"])
        for role in Role:
            closed, opened, overflow = [], [], []
            for _ in range(5):
                context = browser.new_context(
                    base_url=base, viewport={"width": width, "height": height}, locale="nl-NL"
                )
                page = context.new_page()
                page.goto("/login")
                page.fill("input[name=email]", f"{role.value}@example.nl")
                page.fill("input[name=password]", PASSWORD)
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state("load")
                closed.append(page.locator("header").bounding_box()["height"])
                overflow.append(page.evaluate("document.documentElement.scrollWidth - innerWidth"))
                summary = page.locator(".portal-nav__compact > summary")
                if summary.is_visible():
                    summary.click()
                opened.append(page.locator("header").bounding_box()["height"])
                context.close()
            print(
                f"{role.value:<12}{statistics.median(closed):>8.0f}"
                f"{statistics.median(opened):>11.0f}{statistics.median(overflow):>10.0f}"
            )
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 320,
        int(sys.argv[2]) if len(sys.argv) > 2 else 640,
    )
