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
