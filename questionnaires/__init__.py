"""Questionnaires as versioned data with a pure engine (see ARCHITECTURE.md).

This package must import nothing from flask, sqlalchemy or portal; a test checks it. The
engine itself (loader, conditions, scoring, routing) arrives with the Entreevragenlijst issue.
"""
