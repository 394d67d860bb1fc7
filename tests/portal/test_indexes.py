"""Every foreign key, and the columns the busy pages filter on, lead an index."""

from portal.models import metadata


def _leading_columns(table) -> set[str]:
    leading = {next(iter(index.columns)).name for index in table.indexes if index.columns}
    for constraint in table.constraints:
        columns = list(getattr(constraint, "columns", []))
        if columns and constraint.__class__.__name__ in (
            "PrimaryKeyConstraint",
            "UniqueConstraint",
        ):
            leading.add(columns[0].name)
    leading.update(column.name for column in table.columns if column.unique)
    return leading


def test_every_foreign_key_leads_an_index(app):
    missing = [
        f"{table.name}.{key.parent.name}"
        for table in metadata.sorted_tables
        for key in table.foreign_keys
        if key.parent.name not in _leading_columns(table)
    ]
    assert missing == []


def test_filtered_columns_lead_an_index(app):
    tables = metadata.tables
    # Staff by role (assigning caseloads), Zelfdoeners by outcome (the waiting list).
    assert "role" in _leading_columns(tables["user_account"])
    assert "outcome" in _leading_columns(tables["service_line"])
