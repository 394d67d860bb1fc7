"""Under gunicorn every worker is a process: with PROMETHEUS_MULTIPROC_DIR set, a scrape of any
of them counts the requests of all. Three processes here: two serve a request each, the third
is scraped."""

import os
import subprocess
import sys

from portal.migrate import upgrade

TOKEN = "multiprocess-token-" + "m" * 32
WORKER = """
import sys
from portal import create_app
app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "k" * 40,
                  "PORTAL_METRICS_TOKEN": sys.argv[2], "PORTAL_LOG_FORMAT": "text"})
client = app.test_client()
if sys.argv[3] == "serve":
    assert client.get("/healthz").status_code == 200
else:
    page = client.get("/metrics", headers={"Authorization": "Bearer " + sys.argv[2]})
    sys.stdout.write(page.get_data(as_text=True))
"""


def _worker(folder, url: str, action: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, url, TOKEN, action],
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder), "PORTAL_ENV": "development"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_scrape_counts_every_worker(tmp_path):
    folder = tmp_path / "metrics"
    folder.mkdir()
    url = f"sqlite:///{tmp_path}/portal.db"
    upgrade(url)
    _worker(folder, url, "serve")
    _worker(folder, url, "serve")
    body = _worker(folder, url, "scrape")
    line = 'portal_responses_total{endpoint="home.healthz",method="GET",status="200"} 2.0'
    assert line in body
    assert "portal_outbox_unsent 0.0" in body
