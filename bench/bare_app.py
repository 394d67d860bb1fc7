"""The yardstick of bench/ratio.py: a bare Flask app in the same gunicorn set-up as the portal.

GET /page renders a small Jinja template (a title, a list of ten items, a form), compiled
once as Flask caches a template file; POST /write
inserts one row into a SQLite table and commits (sqlite3 from the standard library, one
connection per worker, the file named by BARE_SQLITE).
"""

import os
import sqlite3

from flask import Flask, render_template, request
from jinja2 import DictLoader

TEMPLATE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body><h1>{{ title }}</h1>
<ul>{% for item in items %}<li><a href="/item/{{ item.id }}">{{ item.name }}</a></li>{% endfor %}</ul>
<form method="post" action="/write"><input name="text" value="{{ title }}"><button>Save</button></form>
</body></html>"""

app = Flask(__name__)
app.jinja_loader = DictLoader({"page.html": TEMPLATE})  # type: ignore[assignment]
DATABASE = os.environ.get("BARE_SQLITE", "/tmp/bare.db")  # noqa: S108 -- a benchmark's scratch file


_connections: dict[int, sqlite3.Connection] = {}


def _connection() -> sqlite3.Connection:
    """One connection per worker process, opened after the fork (as a pool would keep it)."""
    pid = os.getpid()
    if pid not in _connections:
        connection = sqlite3.connect(DATABASE)
        connection.execute("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, text TEXT)")
        connection.commit()
        _connections[pid] = connection
    return _connections[pid]


@app.get("/page")
def page():
    items = [{"id": n, "name": f"Item {n}"} for n in range(10)]
    return render_template("page.html", title="Bare page", items=items)


@app.post("/write")
def write():
    connection = _connection()
    connection.execute("INSERT INTO note (text) VALUES (?)", (request.form.get("text", ""),))
    connection.commit()
    return "saved", 201
