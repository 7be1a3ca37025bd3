from analysis.schemas import ARTICLES


def test_empty_tables_have_schema_dtypes():
    empty = ARTICLES.empty()
    assert list(empty.columns) == ARTICLES.columns
    ARTICLES.validate(empty)
