"""The portal's application factory: it wires, it does not query."""

from __future__ import annotations

from flask import Flask

from portal.config import PROJECT_ROOT, check_config, load_config


def create_app(config: dict | None = None) -> Flask:
    """Config → extensions → blueprints → errors → CLI."""
    # The wiring imports every feature; importing it here, not at the top, keeps
    # `import portal.<anything>` from loading the whole application.
    from portal import blueprints, setup  # noqa: PLC0415

    settings = load_config(config)
    check_config(settings)
    app = Flask(__name__, static_folder=str(PROJECT_ROOT / "static"), static_url_path="/static")
    # Static files are served by WhiteNoise (portal.assets); Flask's route stays for url_for.
    app.config.update(settings)
    app.config["PRODUCTION"] = settings["PORTAL_ENV"] == "production"
    setup.observe(app)
    setup.guard_input(app)

    setup.init_extensions(app)
    setup.connect_features()
    blueprints.register_blueprints(app)
    setup.register_errors(app)
    setup.register_request_hooks(app)
    setup.register_template_globals(app)
    setup.serve_static(app)
    setup.trust_proxies(app)
    return app
