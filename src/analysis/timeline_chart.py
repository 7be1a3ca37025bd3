"""A project's timeline chart: its stages reported done and its promises.

Two renderings, as every chart (plotly for the notebooks and reports, matplotlib for a PNG),
drawn by :func:`analysis.charts.show`.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go

from analysis.charts import FONT, PALETTE

# Promise outcomes (analysis.tracker.promises) in the palette's colours.
OUTCOME_COLORS = {"kept": PALETTE[3], "slipped": PALETTE[6], "open": PALETTE[11]}


@dataclass
class Timeline:
    """One project's life on a time axis, one row per event type (in lifecycle order).

    Reports of a stage done are points at their publication date; each promise is an arrow
    from when it was made to the end of the period promised, green when kept, red when it
    slipped, grey while open. Drawn with plotly and matplotlib like
    :class:`analysis.charts.Chart`.
    """

    data: pd.DataFrame  # events of one project: published_at, type, status, sentence
    promises: pd.DataFrame  # analysis.tracker.promises of that project
    title: str
    x_label: str = "Date reported (arrows: to the date promised)"
    y_label: str = "Event"
    types: tuple[str, ...] = ()
    sure: float | None = None  # reports below this probability are drawn hollow

    @property
    def draws_nothing(self) -> bool:
        """No report of a stage done and no promise: :func:`analysis.charts.show` says so in a
        sentence instead of drawing an empty chart."""
        return self.data.empty or not self._rows()

    def _reported(self) -> pd.DataFrame:
        """The events drawn: the reports of a stage done (a planned one draws nothing)."""
        return self.data[self.data["status"] == "done"]

    def _done(self) -> list[tuple[str, pd.DataFrame, bool]]:
        """The reports of a stage done: (legend, reports, drawn filled), sure and unsure."""
        done = self._reported()
        if self.sure is None or "probability" not in done:
            return [("reported done", done, True)]
        sure = done["probability"] >= self.sure
        parts = [("reported done", done[sure], True), ("reported done, unsure", done[~sure], False)]
        return [part for part in parts if len(part[1])] or parts[:1]

    def _y(self, types: pd.Series) -> list[float]:
        rows = self._rows()
        return [rows[str(t)] for t in types]

    def _span(self) -> list[pd.Timestamp]:
        """The dates shown: every report drawn and promise, with a month on either side."""
        drawn = [self._reported()["published_at"], self.promises["promised_at"]]
        dates = pd.concat([*drawn, self.promises["when_end"]]).dropna()
        pad = pd.Timedelta(days=31)
        return [dates.min() - pad, dates.max() + pad]

    def _promised(self) -> pd.DataFrame:
        """The promises with their height ``y``: in their stage's row, above its reports, one
        above the other by when they were made (0.12 to 0.45), so that the dozen promises of
        one stage a project can gather do not draw over each other."""
        rows = self._rows()
        promises = self.promises.reset_index(drop=True)
        by_type = promises.groupby("type")["promised_at"]
        rank = by_type.rank(method="first").fillna(1) - 1
        count = by_type.transform("size")
        step = 0.33 / (count - 1).clip(lower=1)
        offset = (0.12 + step * rank).where(count > 1, 0.2)
        return promises.assign(y=[rows[str(t)] for t in promises["type"]] + offset)

    def _rows(self) -> dict[str, int]:
        """The rows drawn: the types with a report of a stage done or a promise (a planned
        event that is no promise draws nothing, so it gets no empty row)."""
        present = set(self._reported()["type"]) | set(self.promises["type"])
        ordered = [t for t in self.types if t in present] or sorted(present)
        return {t: i for i, t in enumerate(ordered)}

    def plotly(self) -> go.Figure:
        rows = self._rows()
        fig = go.Figure()
        for label, done, filled in self._done():
            fig.add_trace(
                go.Scatter(
                    x=done["published_at"],
                    y=self._y(done["type"]),
                    mode="markers",
                    marker={"size": 9, "color": PALETTE[0], "symbol": 0 if filled else 100},
                    name=label,
                    text=done["sentence"].str.slice(0, 160),
                    hovertemplate="%{x|%Y-%m-%d}<br>%{text}<extra></extra>",
                )
            )
        promised = self._promised()
        for outcome, color in OUTCOME_COLORS.items():
            part = promised[promised["outcome"] == outcome]
            fig.add_trace(
                go.Scatter(
                    x=part["when_end"],
                    y=part["y"],
                    mode="markers",
                    marker={"size": 8, "color": color, "symbol": "diamond"},
                    name=f"promise {outcome}",
                    text=part["when_period"].astype(str),
                    customdata=part["promised_at"].dt.strftime("%Y-%m-%d"),
                    hovertemplate="promised on %{customdata} for %{text}<extra></extra>",
                )
            )
            for row in part.itertuples(index=False):
                fig.add_annotation(
                    x=row.when_end,
                    y=row.y,
                    ax=row.promised_at,
                    ay=row.y,
                    xref="x",
                    yref="y",
                    axref="x",
                    ayref="y",
                    showarrow=True,
                    arrowhead=2,
                    arrowcolor=color,
                    arrowwidth=1.2,
                    text="",
                )
        fig.update_yaxes(
            tickvals=list(rows.values()),
            ticktext=[t.replace("_", " ") for t in rows],
            title_text=self.y_label,
            range=[-0.6, len(rows) - 0.2],
        )
        fig.update_xaxes(title_text=self.x_label, type="date", range=self._span())
        fig.update_layout(
            title=self.title,
            font_family=FONT,
            height=max(320, 60 * len(rows) + 160),
            margin={"l": 10, "r": 10, "t": 60, "b": 10},
            legend_title_text="",
        )
        return fig

    def matplotlib(self):
        rows = self._rows()
        fig, ax = plt.subplots(figsize=(10, max(3.0, 0.6 * len(rows) + 1.5)), dpi=110)
        for label, done, filled in self._done():
            ax.scatter(
                done["published_at"],
                self._y(done["type"]),
                **({"color": PALETTE[0]} if filled else {"facecolors": "none"}),
                edgecolors=PALETTE[0],
                s=25,
                label=label,
                zorder=3,
            )
        promised = self._promised()
        for outcome, color in OUTCOME_COLORS.items():
            part = promised[promised["outcome"] == outcome]
            for row in part.itertuples(index=False):
                ax.annotate(
                    "",
                    xy=(row.when_end, row.y),
                    xytext=(row.promised_at, row.y),
                    arrowprops={"arrowstyle": "->", "color": color},
                )
            ax.scatter(
                part["when_end"],
                part["y"],
                color=color,
                marker="D",
                s=18,
                label=f"promise {outcome}",
            )
        ax.set_yticks(list(rows.values()), [t.replace("_", " ") for t in rows])
        ax.set_ylim(-0.6, len(rows) - 0.2)
        ax.set_xlim(*self._span())
        ax.set_title(self.title)
        ax.set_xlabel(self.x_label)
        ax.set_ylabel(self.y_label)
        ax.legend(fontsize=7, loc="best")
        fig.autofmt_xdate()
        fig.tight_layout()
        return fig
