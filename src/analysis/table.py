"""Tables made for reading, in JupyterLab and in the HTML reports: one helper for every notebook.

:func:`show` draws a searchable, sortable table (itables, DataTables bundled: it works
offline) the way a reader expects one:

* text left-aligned and wrapped, numbers right-aligned; nothing wider than the output area;
* times as ``2026-06-11 14:44`` in Vietnam time, said once in the caption;
* the title linked to the article's URL (only ``http``/``https`` links), no URL column;
* column names in words ("entity name", not ``entity_name``), the caption above the table;
* every cell escaped: a title such as ``<script>alert(1)</script>`` shows as text.

:func:`load_offline` puts the DataTables bundle in the notebook once, before any table uses
it (``itables.init_notebook_mode`` writes the code that uses the bundle before the bundle,
and the browser logs "Cannot destructure property 'set_or_remove_dark_class'").
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd

from analysis.config import VIETNAM_TZ

# Wrap text, never overflow: long words and URLs break anywhere; the caption sits on top.
CSS = """
.dt-container table.dataTable td, .dt-container table.dataTable th {
  white-space: normal; overflow-wrap: anywhere; vertical-align: top; }
.dt-container table.dataTable td.dt-left, .dt-container table.dataTable th.dt-left {
  text-align: left !important; }
.dt-container table.dataTable td.dt-right, .dt-container table.dataTable th.dt-right {
  text-align: right !important; }
.dt-container table.dataTable td.dt-wide { min-width: 16em; max-width: 40em; }
.dt-container table.dataTable caption { caption-side: top; text-align: left; font-weight: 600;
  padding: 0 0 .4em 0; }
"""
STYLE = "table-layout:auto;width:100%;margin:0;caption-side:top"
# Columns that hold prose: given room to wrap.
WIDE = {"title", "sentence", "text", "lead", "body", "summary", "typical titles", "phrases"}


def _itables_global() -> str:
    """The name the bundle is published under in the page (as itables names it)."""
    from itables import __version__

    return f"_itables_{__version__.replace('.', '_').replace('-', '_')}"


def load_offline() -> None:
    """Put the DataTables bundle in the notebook once, then the code that uses it."""
    from IPython.display import HTML, display
    from itables import javascript, options

    javascript.set_itables_repr_html_methods(False)  # plain DataFrames stay plain
    bundle = javascript.generate_init_offline_itables_html(options.dt_bundle)
    bundle = bundle.split('<div style="vertical-align:middle')[0]  # no "is your notebook trusted?"
    dark_mode = (
        '<script type="module">\n'
        f"const {{ set_or_remove_dark_class }} = await window.{_itables_global()};\n"
        "set_or_remove_dark_class();\n</script>"
    )
    display(HTML(bundle + dark_mode))


def _text(value) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, list | tuple):
        return html.escape(", ".join(str(v) for v in value))
    return html.escape(str(value))


def _number(value) -> str:
    """A number as text: thousands separated, at most three decimals, empty when missing."""
    if pd.isna(value):
        return ""
    return f"{value:,.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def _link(title, url) -> str:
    text = _text(title) or _text(url)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{text}</a>'
    return text


def readable(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], bool]:
    """The frame as it is shown: escaped text, linked titles, times as text, names in words.

    Returns the frame, the names of its numeric columns and whether it holds times.
    """
    cells: dict[str, object] = {}
    numeric, timed = [], False
    linked = "title" in frame and "url" in frame
    for name in frame.columns:
        column = frame[name]
        label = str(name).replace("_", " ")
        if name == "url" and linked:
            continue
        if name == "title" and linked:
            cells[label] = [_link(t, u) for t, u in zip(column, frame["url"], strict=True)]
        elif isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(
            column
        ):
            moments = column.dt.tz_convert(VIETNAM_TZ) if column.dt.tz is not None else column
            cells[label] = moments.dt.strftime("%Y-%m-%d %H:%M").fillna("")
            timed = True
        elif pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            if column.isna().any() or pd.api.types.is_float_dtype(column):
                column = column.map(_number)  # a missing number shows as an empty cell
            cells[label] = column
            numeric.append(label)
        else:
            cells[label] = column.map(_text)
    return pd.DataFrame(cells, index=frame.index).reset_index(drop=True), numeric, timed


def show(frame: pd.DataFrame, caption: str = "", max_rows: int = 2000) -> None:
    """A searchable, sortable table made for reading (see the module's docstring)."""
    from itables import show as itables_show

    shown, numeric, timed = readable(frame.head(max_rows))
    if timed:
        caption = f"{caption} (times in Vietnam time)" if caption else "Times in Vietnam time"
    columns = list(shown.columns)
    right = [i for i, c in enumerate(columns) if c in numeric]
    wide = [i for i, c in enumerate(columns) if c in WIDE]
    left = [i for i in range(len(columns)) if i not in right]
    itables_show(
        shown,
        caption=html.escape(caption),
        connected=False,
        allow_html=True,  # every cell was escaped above; titles carry their links
        showIndex=False,
        classes="display compact",
        style=STYLE,
        css=CSS,
        autoWidth=False,
        columnDefs=[
            {"targets": right, "className": "dt-right"},
            {"targets": left, "className": "dt-left"},
            {"targets": wide, "className": "dt-left dt-wide"},
        ],
        lengthMenu=[10, 25, 100],
        maxBytes=2**22,  # keep every row (itables samples large tables down by default)
    )


# Where a table's rows start in a page: itables writes them as JSON inside a JSON string.
_ROWS = re.compile(r'"data_json":\s*')


def unescaped_rows(page: str) -> str:
    """``page`` with its tables' rows written with their letters as they are. itables writes
    the rows as JSON inside a JSON string, a letter outside ASCII escaped twice ("ổ" as
    ``\\\\u1ed5``, seven characters for three bytes): the same rows, in UTF-8, read the
    same by the page (U+2028 and U+2029 stay escaped, as JavaScript once required)."""
    decoder = json.JSONDecoder()
    out, done = [], 0
    for found in _ROWS.finditer(page):
        if found.start() < done:
            continue
        try:
            rows, end = decoder.raw_decode(page, found.end())
            in_utf8 = json.dumps(json.loads(rows), ensure_ascii=False)
        except (ValueError, TypeError):
            continue  # not the JSON of rows: left as it is
        text = json.dumps(in_utf8, ensure_ascii=False)
        out += [
            page[done : found.end()],
            text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"),
        ]
        done = end
    return "".join(out) + page[done:]
