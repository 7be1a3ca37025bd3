import pytest

from analysis import schemas
from analysis.schema_types import TableSchema

ALL = [v for v in vars(schemas).values() if isinstance(v, TableSchema)]


@pytest.mark.parametrize("schema", ALL, ids=[s.name for s in ALL])
def test_empty_tables_have_schema_dtypes(schema):
    """Every schema's empty table passes its own checks (the loader returns empty tables
    without checking them again)."""
    empty = schema.empty()
    assert list(empty.columns) == schema.columns
    schema.validate(empty)


def test_text_columns_are_checked_by_dtype_and_uniqueness_can_be_known():
    """Text must be in a ``str`` column (not ``object``); a unique column's check is left out
    only when the caller names it in ``unique_known``, and only a unique column may be
    named."""
    import pandas as pd
    import pandera.errors

    from analysis.schema_types import STRING, Field, conform

    schema = TableSchema(
        "t", "", (Field("key", STRING, False, "", unique=True), Field("text", STRING, True, ""))
    )
    table = conform(pd.DataFrame({"key": ["a", "b"], "text": ["X", None]}), schema)
    schema.validate(table)
    with pytest.raises(pandera.errors.SchemaErrors, match="text"):
        schema.validate(table.astype({"text": object}))
    twice = conform(pd.DataFrame({"key": ["a", "a"], "text": ["X", "Y"]}), schema)
    with pytest.raises(pandera.errors.SchemaErrors, match="key"):
        schema.validate(twice)
    schema.validate(twice, unique_known=("key",))
    with pytest.raises(ValueError, match="no unique column"):
        schema.validate(twice, unique_known=("text",))
