"""Counting the SQL statements a request makes (for "does not grow with the data" tests)."""

from sqlalchemy import event


def queries_for(client, url: str) -> int:
    engine = client.application.extensions["db_engine"]
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
        assert response.status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def statements_for(client, url: str) -> list[str]:
    """The SQL statements of one GET (whitespace folded), in order."""
    engine = client.application.extensions["db_engine"]
    statements: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        response = client.get(url)
        assert response.status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return statements
