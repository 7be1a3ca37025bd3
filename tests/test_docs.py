"""The README's generated sections are current, and the package keeps its shape."""

import ast

import pytest

from analysis import docs
from analysis.config import PROJECT_ROOT

SOURCES = sorted(
    p for folder in ("src", "tests", "benchmarks") for p in (PROJECT_ROOT / folder).rglob("*.py")
)


def test_readme_sections_are_generated_from_the_code():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert docs.rewrite(readme) == readme, "run `make docs`"


def test_every_module_has_its_place_in_the_layout():
    assert sorted(docs.MODULES) == docs.package_entries()


@pytest.mark.parametrize("path", sorted(docs.PACKAGE_DIR.rglob("*.py")), ids=lambda p: p.name)
def test_no_module_is_over_500_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500


def test_no_module_imports_another_modules_private_names():
    offences = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
                offences += [
                    f"{path.name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in {"gazetteer", "mentions", "topics", "pipeline", "ingest"}
            ):
                offences.append(f"{path.name}: {node.value.id}.{node.attr}")
    assert not offences
