"""The `portal` console script: Flask's CLI around create_app, plus the portal's commands."""

from flask.cli import FlaskGroup

from portal import create_app

main = FlaskGroup(create_app=create_app, help="Work & Income portal.")
