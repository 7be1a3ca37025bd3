"""Charts in an executed notebook: drawn for JupyterLab and for the HTML reports alike."""

from __future__ import annotations

import nbformat
import pytest

from analysis.timeline_chart import Timeline

PLOTLY = "application/vnd.plotly.v1+json"

CELLS = [
    "import sys\nimport pandas as pd\nfrom analysis import charts\ncharts.setup_notebook(None)",
    "frame = pd.DataFrame({'kind': ['cầu', 'sân bay'], 'articles': [3, 5]})\n"
    "charts.show(charts.Chart('bar', frame, x='kind', y='articles', title='Mentions',\n"
    "                         x_label='Kind', y_label='Articles'), 'kinds')\n"
    "print('nbformat' in sys.modules)",
    "import plotly.graph_objects as go\ngo.Figure(go.Bar(x=['a', 'b'], y=[1, 2]))",
    "go.Figure(go.Bar(x=['c'], y=[3])).show()",
    "charts.setup_notebook(None)  # the setup cell run again",
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import papermill

    folder = tmp_path_factory.mktemp("charts")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "in.ipynb")
    papermill.execute_notebook(
        str(folder / "in.ipynb"), str(folder / "out.ipynb"), progress_bar=False
    )
    return nbformat.read(folder / "out.ipynb", as_version=4)


def _figures(cell) -> list[dict]:
    return [o["data"] for o in cell.outputs if "data" in o and PLOTLY in o["data"]]


def _plotly_js(cell) -> int:
    pages = [o["data"].get("text/html", "") for o in cell.outputs if "data" in o]
    return sum("Plotly" in page and len(page) > 1_000_000 for page in pages)


def test_plotly_js_is_put_in_the_notebook_once_before_any_chart(executed):
    assert [_plotly_js(cell) for cell in executed.cells[:3]] == [1, 0, 0]


def test_a_chart_is_drawn_for_jupyterlab_and_for_the_reports(executed):
    (figure,) = _figures(executed.cells[1])
    assert "Plotly.newPlot" in figure["text/html"]
    assert figure[PLOTLY]["layout"]["title"]["text"]
    # its text in UTF-8, not as \u escapes (orjson): "sân bay", not "s\u00e2n bay"
    assert "sân bay" in figure["text/html"] and "\\u00e2" not in figure["text/html"]
    # plotly's renderer registry (and nbformat with it, ~3 s a kernel) is not imported
    printed = "".join(o.get("text", "") for o in executed.cells[1].outputs)
    assert printed.strip() == "False"


def test_a_figure_of_the_users_own_is_drawn_in_the_reports_too(executed):
    for cell in executed.cells[2:4]:
        (figure,) = _figures(cell)
        assert "Plotly.newPlot" in figure["text/html"]


def test_the_setup_cell_run_again_puts_plotly_js_back(executed):
    assert _plotly_js(executed.cells[4]) == 1


def _timeline_data(types, statuses, probabilities, sentences, days=(0, 0)):
    """Events of one project on 2025-12-19 (plus ``days``) and no promise, for Timeline."""
    import pandas as pd

    day = pd.Timestamp("2025-12-19", tz="Asia/Ho_Chi_Minh")
    events = pd.DataFrame(
        {
            "published_at": [day + pd.Timedelta(days=d) for d in days],
            "type": types,
            "status": statuses,
            "probability": probabilities,
            "sentence": sentences,
        }
    )
    promised = pd.DataFrame(
        columns=["type", "when_end", "promised_at", "when_period", "outcome"]
    ).astype({"when_end": "datetime64[ns, Asia/Ho_Chi_Minh]"})
    promised["promised_at"] = promised["when_end"]
    return events, promised


def test_a_timeline_draws_unsure_reports_hollow():
    """Timeline: reports under ``sure`` are drawn apart, hollow, in both renderers."""
    import matplotlib.pyplot as plt

    events, promised = _timeline_data(
        ["completion", "completion"],
        ["done", "done"],
        [0.9, 0.3],
        ["Sân bay Long Thành đón chuyến bay đầu tiên", "Điện đã phủ kín sân bay"],
        days=(0, 3),
    )
    chart = Timeline(events, promised, title="t", types=("completion",), sure=0.6)
    traces = {t.name: t for t in chart.plotly().data}
    assert traces["reported done"].marker.symbol == 0 and len(traces["reported done"].x) == 1
    assert traces["reported done, unsure"].marker.symbol == 100
    figure = chart.matplotlib()
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert legend[:2] == ["reported done", "reported done, unsure"]
    plt.close(figure)
    every = Timeline(events, promised, title="t", types=("completion",))
    assert [t.name for t in every.plotly().data][:2] == ["reported done", "promise kept"]


def test_a_timeline_gives_no_row_to_what_it_does_not_draw(monkeypatch):
    """A planned event that is no promise draws nothing: no empty row for its type, and a
    timeline with nothing to draw is a sentence, not an empty chart."""
    from analysis import charts

    events, promised = _timeline_data(
        ["construction_start", "completion"],
        ["done", "planned"],
        [0.9, 0.4],
        ["Khởi công cầu X", "Cầu X dự kiến thông xe"],
    )
    types = ("construction_start", "completion")
    chart = Timeline(events, promised, title="t", types=types, sure=0.6)
    assert list(chart.plotly().layout.yaxis.ticktext) == ["construction start"]
    planned_only = Timeline(events.iloc[1:], promised, title="t", types=types)
    said, drawn = [], []
    monkeypatch.setattr(charts, "note", said.append)
    monkeypatch.setattr(charts, "display_figure", drawn.append)
    charts.show(planned_only, "t", empty="nothing drawn")
    assert said == ["nothing drawn"] and not drawn


def test_a_timeline_stacks_a_stages_promises_and_a_heatmap_keeps_the_stage_order():
    """Promises of one stage are drawn one above the other (Long Thành gathers a dozen), in
    both renderers; a heatmap's axis of categories (stages) keeps their order, not A to Z."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from analysis import charts

    events, _ = _timeline_data(["completion"], ["done"], [0.9], ["Cầu X thông xe"], days=(0,))
    made = pd.Timestamp("2025-08-01", tz="Asia/Ho_Chi_Minh")
    promised = pd.DataFrame(
        {
            "type": ["completion"] * 3,
            "promised_at": [made + pd.Timedelta(days=30 * i) for i in (2, 0, 1)],
            "when_end": [made + pd.Timedelta(days=200)] * 3,
            "when_period": ["2026-02"] * 3,
            "outcome": ["open", "slipped", "slipped"],
        },
        index=[7, 7, 9],  # as a filtered table may give them
    )
    chart = Timeline(events, promised, title="t", types=("completion",))
    arrows = sorted((pd.Timestamp(a.ax), a.y) for a in chart.plotly().layout.annotations)
    heights = [y for _, y in arrows]  # by when promised: the earliest lowest
    assert heights == sorted(set(heights)) and len(heights) == 3
    assert all(0.1 < h < 0.5 for h in heights)
    plt.close(chart.matplotlib())

    stages = ["proposal", "approval", "completion"]
    counts = pd.DataFrame(
        {
            "stage": pd.Categorical(["completion", "proposal"], stages),
            "province": ["A", "A"],
            "projects": [2, 1],
        }
    )
    heatmap = charts.Chart(
        "heatmap",
        counts,
        x="stage",
        y="province",
        title="t",
        x_label="Stage",
        y_label="Province",
        color="projects",
    )
    assert list(heatmap.plotly().data[0].x) == stages
    # Parts of no whole (an article can hold two topics) side by side, in both renderings.
    shares = pd.DataFrame({"outlet": ["A", "A"], "topic": ["x", "y"], "share": [60.0, 50.0]})
    bars = charts.Chart(
        "bar",
        shares,
        x="outlet",
        y="share",
        title="t",
        x_label="Outlet",
        y_label="%",
        color="topic",
        grouped=True,
    )
    assert bars.plotly().layout.barmode == "group"
    figure = bars.matplotlib()
    assert len({round(p.get_x(), 3) for p in figure.axes[0].patches}) == 2  # not one stack
    plt.close(figure)


def test_a_line_chart_is_svg_up_to_its_limit_then_webgl():
    """SVG lets the report carry plotly's smaller cartesian bundle (analysis.plotly_bundle);
    past ``SVG_POINTS`` points a line chart is WebGL, as plotly would draw it."""
    import pandas as pd

    from analysis import charts

    def trace_type(rows: int) -> str:
        data = pd.DataFrame({"day": range(rows), "article_count": range(rows)})
        chart = charts.Chart(
            "line", data, x="day", y="article_count", title="t", x_label="d", y_label="n"
        )
        return chart.plotly().data[0].type

    assert trace_type(charts.SVG_POINTS) == "scatter"
    assert trace_type(charts.SVG_POINTS + 1) == "scattergl"
