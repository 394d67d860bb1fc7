"""The WSGI entry for gunicorn: `gunicorn 'wsgi:app'`. It refuses to start unless PORTAL_ENV
says which mode to run in: production, or development asked for by name."""

from portal.entry import wsgi_app

app = wsgi_app()
