from analysis.cli import DICTIONARY_END, DICTIONARY_START
from analysis.config import PROJECT_ROOT
from analysis.schemas import ARTICLES, data_dictionary


def test_readme_data_dictionary_is_generated_from_the_schemas():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(DICTIONARY_START) + len(DICTIONARY_START)
    end = readme.index(DICTIONARY_END)
    assert readme[start:end].strip() == data_dictionary().strip(), "run `make docs`"


def test_empty_tables_have_schema_dtypes():
    empty = ARTICLES.empty()
    assert list(empty.columns) == ARTICLES.columns
    ARTICLES.validate(empty)
