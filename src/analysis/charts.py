"""Charts for the notebooks and reports: one spec, two renderings.

Each chart is built from a tidy DataFrame and drawn twice: with plotly (interactive, shown in
the notebook and saved as a standalone HTML file with plotly.js embedded) and with matplotlib
(a PNG for slides and print). Every chart has a title and axis labels with units; time axes
are dates; the named topics have the same colour in every chart of every report.

Plotly figures exported by nbconvert come out blank when plotly's renderer writes only its own
MIME type, which nbconvert's HTML exporter does not draw: :func:`show` writes both, plotly's
MIME type (JupyterLab draws it) and HTML with plotly.js embedded once (offline, for the
reports). It calls plotly's two renderers itself rather than through ``plotly.io.renderers``:
that registry imports nbformat, whose schema validators take about 3 s to import in every
kernel of the batch.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
from matplotlib.ticker import MaxNLocator

from analysis import table
from analysis.store import atomic_write

if TYPE_CHECKING:
    from analysis.timeline_chart import Timeline

TOPIC_COLORS = {
    "infrastructure": "#1f77b4",
    "trade": "#2ca02c",
    "aviation": "#d62728",
    "other": "#7f7f7f",
}
# Paul Tol's "muted" scheme (colour-blind safe), as hex so both backends read it.
PALETTE = [
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#6699CC",
    "#661100",
    "#888888",
]
SVG_POINTS = 10_000  # line charts up to this many points are drawn in SVG
FONT = "DejaVu Sans, Arial, sans-serif"  # DejaVu ships with matplotlib and has Vietnamese

# One look for every chart of every notebook and report: plotly's white template with the
# colour-blind-safe palette and a font that has Vietnamese.
pio.templates["analysis"] = go.layout.Template(pio.templates["plotly_white"])
pio.templates["analysis"].layout.colorway = PALETTE
pio.templates["analysis"].layout.font.family = FONT

_state = {"figures_dir": None, "prefix": "", "renderers": ()}


def setup_notebook(figures_dir: str | None = None, prefix: str = "") -> None:
    """Render plotly for both JupyterLab and nbconvert, offline; save figures if asked."""
    import warnings

    from tqdm import TqdmWarning

    warnings.filterwarnings("ignore", category=TqdmWarning)
    from plotly.io._base_renderers import NotebookRenderer, PlotlyRenderer

    # What ``pio.renderers.default = "plotly_mimetype+notebook"`` would do, without the
    # registry's import of nbformat: the notebook renderer puts plotly.js in the page (again
    # when this cell is rerun in JupyterLab, which drops the cell's old output).
    if not _state["renderers"]:
        _state["renderers"] = (PlotlyRenderer(), NotebookRenderer())
    _state["renderers"][1].activate()
    _display_figures_here()
    pio.templates.default = "analysis"
    plt.rcParams["font.family"] = "DejaVu Sans"
    table.load_offline()
    _state["figures_dir"] = figures_dir
    _state["prefix"] = prefix


def _display_figures_here() -> None:
    """A figure of the user's own is drawn for the reports too: ``display(fig)`` and a cell
    ending in ``fig`` through :func:`display_figure`; ``fig.show()`` through plotly's registry,
    told by ``PLOTLY_RENDERER`` (read when it is first imported; it then puts plotly.js in the
    page once more)."""
    from IPython import get_ipython
    from plotly.basedatatypes import BaseFigure

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, display_figure)
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype+notebook")


def color_map(values) -> dict[str, str]:
    """Named topics in their fixed colours; anything else from a colour-blind-safe palette."""
    out, spare = {}, iter(PALETTE * 10)
    for value in sorted({str(v) for v in values}):
        out[value] = TOPIC_COLORS.get(value) or next(spare)
    return out


@dataclass
class Chart:
    kind: str  # "bar", "line", "scatter", "heatmap"
    data: pd.DataFrame
    x: str
    y: str
    title: str
    x_label: str
    y_label: str
    color: str | None = None
    hover: list[str] = field(default_factory=list)
    horizontal: bool = False
    color_label: str | None = None  # the colour bar's title (heatmaps); default: from `color`
    grouped: bool = False  # bars of each colour side by side, not stacked (parts of no whole)

    @property
    def draws_nothing(self) -> bool:
        """No data: :func:`show` says so in a sentence (a :class:`Timeline` may have data and
        still draw nothing)."""
        return self.data.empty

    @property
    def _color_title(self) -> str:
        return self.color_label or str(self.color).replace("_", " ").capitalize()

    def _counts(self) -> str | None:
        """The column of counts the value axis shows (integer ticks), if it is one."""
        column = self.color if self.kind == "heatmap" else self.y
        values = self.data.get(column)
        if values is not None and pd.api.types.is_integer_dtype(values):
            return column
        return None

    def _matrix(self) -> pd.DataFrame:
        """A heatmap's values, ``y`` by ``x``; an axis of categories keeps their order (stages
        in lifecycle order, not alphabetical), every category shown."""
        return self.data.pivot_table(
            index=self.y,
            columns=self.x,
            values=self.color,
            aggfunc="sum",
            fill_value=0,
            observed=False,
        )

    # -- plotly ------------------------------------------------------------------------------
    def plotly(self) -> go.Figure:
        colors = color_map(self.data[self.color]) if self.color else None
        # Hover labels in words ("named topic", not named_topic=); the axes' own titles.
        labels = {c: c.replace("_", " ") for c in (self.color, *self.hover) if c}
        labels.update({self.x: self.x_label, self.y: self.y_label})
        if self.kind == "bar":
            # Bars in the order of the data (sorted by the caller), not grouped by colour.
            categories = list(dict.fromkeys(self.data[self.x].tolist()))
            order = {self.x: categories}  # the first on top (horizontal) or on the left
            fig = px.bar(
                self.data,
                x=self.y if self.horizontal else self.x,
                y=self.x if self.horizontal else self.y,
                color=self.color,
                orientation="h" if self.horizontal else "v",
                category_orders=order,
                barmode="group" if self.grouped else "relative",
                color_discrete_map=colors,
                labels=labels,
                hover_data=self.hover or None,
            )
            if self.horizontal:
                fig.update_layout(height=max(480, 18 * self.data[self.x].nunique() + 140))
        elif self.kind == "line":
            fig = px.line(
                self.data,
                x=self.x,
                y=self.y,
                color=self.color,
                markers=True,
                color_discrete_map=colors,
                labels=labels,
                hover_data=self.hover or None,
                # SVG, not plotly's WebGL past 1,000 points: a few thousand points draw
                # as fast either way, and the report then needs only the smaller plotly.js
                # (analysis.plotly_bundle).
                render_mode="svg" if len(self.data) <= SVG_POINTS else "webgl",
            )
        elif self.kind == "scatter":
            fig = px.scatter(
                self.data,
                x=self.x,
                y=self.y,
                color=self.color,
                color_discrete_map=colors,
                labels=labels,
                hover_data=self.hover or None,
                opacity=0.6,
            )
            fig.update_traces(marker={"size": 4})
        elif self.kind == "heatmap":
            matrix = self._matrix()
            fig = px.imshow(
                matrix,
                labels={"x": self.x_label, "y": self.y_label, "color": self._color_title},
                aspect="auto",
                color_continuous_scale="Blues",
            )
        else:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        fig.update_layout(
            title=self.title,
            template="analysis",
            font_family=FONT,
            legend_title_text="",
            margin={"l": 10, "r": 10, "t": 60, "b": 10},
        )
        counts = self._counts()
        if counts is not None:  # whole numbers: no tick at 0.5
            ticks = {"tickformat": ",d", "rangemode": "tozero"}
            if self.data[counts].max() <= 10:
                ticks["dtick"] = 1
            if self.kind == "heatmap":
                fig.update_coloraxes(colorbar_tickformat=",d")
            elif self.horizontal:
                fig.update_xaxes(**ticks)
            else:
                fig.update_yaxes(**ticks)
        if not fig.layout.height:
            fig.update_layout(height=480)
        if self.kind != "heatmap":
            x_title = self.y_label if self.horizontal else self.x_label
            y_title = self.x_label if self.horizontal else self.y_label
            fig.update_xaxes(title_text=x_title)
            fig.update_yaxes(title_text=y_title)
        return fig

    # -- matplotlib --------------------------------------------------------------------------
    def matplotlib(self):
        fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
        colors = color_map(self.data[self.color]) if self.color and self.kind != "heatmap" else {}
        if self.kind == "bar":
            if self.color:
                wide = self.data.pivot_table(
                    index=self.x,
                    columns=self.color,
                    values=self.y,
                    aggfunc="sum",
                    fill_value=0,
                    sort=False,
                )
                wide.plot(
                    kind="barh" if self.horizontal else "bar",
                    stacked=not self.grouped,
                    ax=ax,
                    color=[colors[str(c)] for c in wide.columns],
                )
            else:
                plot = ax.barh if self.horizontal else ax.bar
                plot(self.data[self.x].astype(str), self.data[self.y], color=PALETTE[0])
            if self.horizontal:
                ax.invert_yaxis()
        elif self.kind in ("line", "scatter"):
            groups = self.data.groupby(self.color, sort=True) if self.color else [(None, self.data)]
            for name, part in groups:
                label = name[0] if isinstance(name, tuple) else name
                color = colors.get(str(label), PALETTE[0])
                if self.kind == "line":
                    ax.plot(
                        part[self.x],
                        part[self.y],
                        marker="o",
                        markersize=3,
                        label=label,
                        color=color,
                    )
                else:
                    ax.scatter(part[self.x], part[self.y], s=4, alpha=0.5, label=label, color=color)
            if self.kind == "line":
                fig.autofmt_xdate()
        elif self.kind == "heatmap":
            matrix = self._matrix()
            image = ax.imshow(matrix.to_numpy(), aspect="auto", cmap="Blues")
            ax.set_xticks(
                range(len(matrix.columns)), matrix.columns, rotation=60, ha="right", fontsize=7
            )
            ax.set_yticks(range(len(matrix.index)), matrix.index, fontsize=7)
            fig.colorbar(image, ax=ax, label=self._color_title)
        if self._counts() is not None and self.kind != "heatmap":
            axis = ax.xaxis if self.horizontal else ax.yaxis
            axis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(self.title)
        x_title = self.y_label if self.horizontal else self.x_label
        y_title = self.x_label if self.horizontal else self.y_label
        ax.set_xlabel(x_title)
        ax.set_ylabel(y_title)
        if self.color and self.kind in ("line", "scatter", "bar"):
            ax.legend(fontsize=7, loc="best")
        fig.tight_layout()
        return fig


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name.lower()).strip("-")


def save(chart: Chart | Timeline, name: str, figures_dir: str | Path) -> tuple[Path, Path]:
    """Write ``name.png`` (matplotlib) and ``name.html`` (plotly).

    The HTML pages of a folder share one ``plotly.min.js`` beside them (plotly's own
    ``include_plotlyjs="directory"``): 4.8 MB once instead of once per chart.
    """
    folder = Path(figures_dir)
    png, page = folder / f"{name}.png", folder / f"{name}.html"
    figure = chart.matplotlib()
    atomic_write(png, lambda tmp: figure.savefig(tmp, format="png"))
    plt.close(figure)
    plotly_figure = chart.plotly()
    atomic_write(
        page,
        lambda tmp: plotly_figure.write_html(tmp, include_plotlyjs="directory", full_html=True),
    )
    return png, page


def note(text: str) -> None:
    """Say in the notebook (and its report) what it cannot show, and why."""
    from IPython.display import Markdown, display

    display(Markdown(f"> **Not shown:** {text}"))


def show(chart: Chart | Timeline, name: str, empty: str | None = None) -> None:
    """Display the chart (plotly) and save its PNG and HTML when a figures folder is set.

    A chart with no data is not drawn: a sentence (``empty``, else a generic one) says so.
    """
    if chart.draws_nothing:
        note(empty or f"{chart.title}: this corpus holds nothing to draw here.")
        return
    if _state["figures_dir"]:
        save(chart, f"{_state['prefix']}{_slug(name)}", _state["figures_dir"])
    display_figure(chart.plotly())


def display_figure(figure: go.Figure) -> None:
    """Display a plotly figure for JupyterLab and for nbconvert's HTML (see the module's doc)."""
    from IPython.display import display

    if not _state["renderers"]:  # outside setup_notebook: plotly's own default renderers
        display(figure)
        return
    bundle: dict = {}
    for renderer in _state["renderers"]:
        bundle.update(renderer.to_mimebundle(figure.to_dict()))
    display(bundle, raw=True)
