"""Tables in the reports: their rows written in UTF-8, read the same by the page."""

from __future__ import annotations

import json
import re

import pandas as pd

from analysis.table import unescaped_rows


def _rows(page: str) -> list:
    decoder = json.JSONDecoder()
    return [
        json.loads(decoder.raw_decode(page, found.end())[0])
        for found in re.finditer(r'"data_json":\s*', page)
    ]


def test_a_tables_rows_are_written_in_utf8_and_read_the_same():
    from itables import to_html_datatable

    frame = pd.DataFrame(
        {
            "title": ["Khởi công cầu Hà Bắc 2", 'a "quote", a \\ and \u2028 a separator'],
            "outlet": ["Tuổi Trẻ", "&lt;script&gt;"],
            "articles": [3, 5],
        }
    )
    page = to_html_datatable(frame, connected=False) * 2  # two tables in one page
    compact = unescaped_rows(page)
    assert _rows(compact) == _rows(page) and len(_rows(page)) == 2
    assert "Tuổi Trẻ" in compact and "\\\\u1ed5" in page  # "ổ" escaped twice before
    assert len(compact.encode()) < len(page.encode())
    # a line separator stays escaped in the rows (old JavaScript); itables' own preview
    # table, HTML, holds it as it is
    assert compact.count("\u2028") == page.count("\u2028")
    assert unescaped_rows(compact) == compact
    # what is not the JSON of rows is left as it is; a look-alike reads the same
    assert unescaped_rows('<p>"data_json": x</p>') == '<p>"data_json": x</p>'
    lookalike = '"data_json": "\\"\\\\u00e2\\""'  # a JSON string that holds one: "â"
    assert _rows(unescaped_rows(lookalike)) == _rows(lookalike) == ["â"]
