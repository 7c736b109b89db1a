"""The figures' picture: on-time share by department, and the period's flow in and out by day.

One PNG, 1000 px wide, large type: read on a phone in the staff chat. Drawn with matplotlib's
object API on the Agg canvas (no pyplot: no global state, safe in a worker thread), and
imported when first drawn, so start-up does not pay for it.
"""

import io
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_IN, DPI = 10.0, 100  # 1000 px
FONT = 22  # a 1000 px picture is shown about 360 px wide on a phone
ON_TIME = "#2e7d32"
RECEIVED, CLOSED = "#1565c0", "#ef6c00"
MOST_DEPARTMENTS = 10
LABEL_LINE = 20  # characters of a department's name per line left of its bar, two lines at most


@dataclass(frozen=True, slots=True)
class ChartTexts:
    """The words on the picture, in the chat's language (handlers give them)."""

    on_time_title: str
    flow_title: str
    received: str
    closed: str
    nothing: str  # when no department resolved anything in the period


@dataclass(frozen=True, slots=True)
class ChartData:
    departments: list[tuple[str, float, int]]  # label, on-time share 0..1, resolved
    days: list[tuple[str, int, int]]  # label, received, closed


def figures_png(data: ChartData, texts: ChartTexts) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    departments = [
        (_short(label), value, resolved)
        for label, value, resolved in data.departments[:MOST_DEPARTMENTS]
    ]
    top_height = 1.6 + 1.1 * max(len(departments), 2)
    # Subfigures: the flow's axis keeps the full width whatever the departments' names.
    figure = Figure(figsize=(WIDTH_IN, top_height + 6), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    parts = figure.subfigures(2, 1, height_ratios=[top_height, 6], squeeze=False)
    _on_time(parts[0, 0].add_subplot(), departments, texts)
    _flow(parts[1, 0].add_subplot(), data.days, texts)
    png = io.BytesIO()
    figure.savefig(png, format="png")
    return png.getvalue()


def _short(label: str) -> str:
    """Two lines rather than a cut: many names begin alike («Комитет …»)."""
    lines = textwrap.wrap(label, LABEL_LINE) or [label]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_LINE, placeholder="…")]
    return "\n".join(lines)


def _on_time(ax: "Axes", departments: list[tuple[str, float, int]], texts: ChartTexts) -> None:
    # Over the whole picture's width, not the bars' axis: the names take its left part.
    ax.figure.suptitle(texts.on_time_title, x=0.01, ha="left", fontsize=FONT + 2)
    if not departments:
        ax.text(0.5, 0.5, texts.nothing, ha="center", va="center", fontsize=FONT)
        ax.set_axis_off()
        return
    shown = list(reversed(departments))  # the first at the top
    shares = [value * 100 for _, value, _ in shown]
    bars = ax.barh([label for label, _, _ in shown], shares, color=ON_TIME)
    ax.set_xlim(0, 145)  # room for the labels right of a full bar
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.bar_label(
        bars,
        labels=[f"{round(value)}% ({n})" for value, (_, _, n) in zip(shares, shown, strict=True)],
        padding=6,
        fontsize=FONT - 2,
    )
    ax.tick_params(labelsize=FONT - 2)


def _flow(ax: "Axes", days: list[tuple[str, int, int]], texts: ChartTexts) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_title(texts.flow_title, fontsize=FONT + 2, loc="left")
    positions = list(range(len(days)))
    width = 0.4
    received = [count for _, count, _ in days]
    closed = [count for _, _, count in days]
    ax.bar(
        [p - width / 2 for p in positions], received, width, color=RECEIVED, label=texts.received
    )
    ax.bar([p + width / 2 for p in positions], closed, width, color=CLOSED, label=texts.closed)
    ax.set_xticks(positions, [label for label, _, _ in days], rotation=60 if len(days) > 10 else 0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=FONT - 2)
    ax.legend(fontsize=FONT - 2)
