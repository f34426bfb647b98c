"""Charts drawn on the server as SVG: a line for a series over time, horizontal bars for a
breakdown (per governorate, per module, per answer). No script, no request to another host.

Right to left, the chart is mirrored as Arabic charts are: time runs from right to left (the
oldest value on the right), the value axis stands on the right, and bars grow from the right.
Each chart has a title and a description for screen readers; the page shows its data table
beside it. Plain Python: the caller gives the words and how to write a number.
"""

from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 480
LINE_HEIGHT = 260
BAR_HEIGHT = 28
BAR_GAP = 12
# Room for the value axis labels, and for the bar labels above each bar.
AXIS = 56
PAD = 16
LABEL = 28  # Arabic letters reach well below the baseline: ي's dots must clear the bar
# The width of a date label, estimated: about 0.55 of the 17 units its letters are drawn at
# (`.chart text` in site.css) a character, and a gap before the next.
LABEL_CHARACTER = 9.5
LABEL_GAP = 16


@dataclass(frozen=True)
class Mark:
    label: str
    value: float
    # A series' day: its point stands where the day falls, so that a weekly past beside nightly
    # counts, or yearly figures beside monthly ones, are not drawn as if evenly apart.
    day: date | None = None


def ticks(largest):
    """The value axis: from 0 to a round number at or above the largest value, in 2 to 5 even
    steps of 1, 2, 2.5 or 5 times a power of ten, so gridlines fall on numbers read at a glance."""
    if largest <= 0:
        return [0, 1]
    power = 1.0
    while power * 10 <= largest / 4:
        power *= 10
    while power > largest / 4:
        power /= 10
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if largest / step <= 5:
            break
    count = int(-(-largest // step))
    values = [step * i for i in range(count + 1)]
    return [int(v) if v == int(v) else round(v, 6) for v in values]


def _svg(width, height, title, description, ident, body, rtl):
    # The direction is said on the chart itself: text anchors ("start", "end") follow it, so a
    # label's start is its right edge right to left.
    direction = "rtl" if rtl else "ltr"
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" direction="{direction}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _x(position, rtl, width=WIDTH):
    """A horizontal position measured from the chart's start side."""
    return round(width - position if rtl else position, 1)


def _along(marks, length):
    """Each mark's distance along the time axis: by its day when every mark has one, else
    evenly apart; a single mark in the middle."""
    if len(marks) == 1:
        return [length / 2]
    days = [mark.day for mark in marks]
    if None not in days and days[-1] > days[0]:
        span = (days[-1] - days[0]).days
        return [length * (day - days[0]).days / span for day in days]
    return [length * i / (len(marks) - 1) for i in range(len(marks))]


def _labelled(along, room):
    """Which points' dates are written: the first (starting at its point) and the last (ending at
    it), so that neither is cut by the chart's edge, and between them each that stands clear of
    the one before and of the last, a label's `room` apart (half as much again beside an end,
    whose label lies wholly on one side)."""
    last = len(along) - 1
    shown = [0]
    for i in range(1, last):
        before = room * (1.5 if shown[-1] == 0 else 1)
        if along[i] - along[shown[-1]] >= before and along[last] - along[i] >= 1.5 * room:
            shown.append(i)
    if last:
        shown.append(last)
    return set(shown)


def line_chart(marks, *, title, description, ident, rtl=False, number=str):
    """One point per mark, in the order given (oldest first), joined by a line."""
    marks = list(marks)
    levels = ticks(max((m.value for m in marks), default=0))
    top = levels[-1]
    # Room at the far end for half of the last date's label.
    plot_start, plot_end = AXIS, WIDTH - 2 * PAD
    plot_top, plot_bottom = PAD, LINE_HEIGHT - AXIS // 2
    parts = []
    for level in levels:
        y = round(plot_bottom - (plot_bottom - plot_top) * level / top, 1)
        parts.append(
            f'<line class="chart-grid" x1="{_x(plot_start, rtl)}" x2="{_x(plot_end, rtl)}" '
            f'y1="{y}" y2="{y}"/>'
            f'<text class="chart-axis" x="{_x(plot_start - 8, rtl)}" y="{y}" '
            f'text-anchor="end" dominant-baseline="middle">{escape(number(level))}</text>'
        )
    along = _along(marks, plot_end - plot_start)
    points = []
    for distance, mark in zip(along, marks, strict=True):
        x = _x(plot_start + distance, rtl)
        y = round(plot_bottom - (plot_bottom - plot_top) * mark.value / top, 1)
        points.append((x, y, mark))
    if len(points) > 1:
        joined = " ".join(f"{x},{y}" for x, y, _mark in points)
        parts.append(f'<polyline class="chart-line" points="{joined}"/>')
    last = len(points) - 1
    room = max((len(m.label) for m in marks), default=0) * LABEL_CHARACTER + LABEL_GAP
    shown = _labelled(along, room) if marks else set()
    for i, (x, y, mark) in enumerate(points):
        parts.append(f'<circle class="chart-point" cx="{x}" cy="{y}" r="4"/>')
        if i in shown:
            anchor = "start" if i == 0 and last else "end" if i == last and last else "middle"
            parts.append(
                f'<text class="chart-label" x="{x}" y="{LINE_HEIGHT - 8}" '
                f'text-anchor="{anchor}">{escape(mark.label)}</text>'
            )
    return _svg(WIDTH, LINE_HEIGHT, title, description, ident, "".join(parts), rtl)


def bar_chart(marks, *, title, description, ident, rtl=False, number=str):
    """One horizontal bar per mark, longest to the value's share of the largest; the label above
    the bar and the value at its end. A mark whose value is None is left without a bar (a
    suppressed group) and says so with `number(None)`."""
    marks = list(marks)
    top = max((m.value for m in marks if m.value is not None), default=0) or 1
    row = LABEL + BAR_HEIGHT + BAR_GAP
    height = PAD + row * len(marks) + PAD
    room = WIDTH - 2 * PAD - AXIS  # the longest bar leaves room for its value
    parts = []
    for i, mark in enumerate(marks):
        y = PAD + row * i
        parts.append(
            f'<text class="chart-label" x="{_x(PAD, rtl)}" y="{y + LABEL - 10}" '
            f'text-anchor="start">{escape(mark.label)}</text>'
        )
        bar_y = y + LABEL
        if mark.value is None:
            length = 0
        else:
            length = round(room * mark.value / top, 1)
            start = WIDTH - PAD - length if rtl else PAD
            parts.append(
                f'<rect class="chart-bar" x="{round(start, 1)}" y="{bar_y}" '
                f'width="{length}" height="{BAR_HEIGHT}"/>'
            )
        parts.append(
            f'<text class="chart-value" x="{_x(PAD + length + 6, rtl)}" '
            f'y="{bar_y + BAR_HEIGHT / 2}" text-anchor="start" dominant-baseline="middle">'
            f"{escape(number(mark.value))}</text>"
        )
    return _svg(WIDTH, height, title, description, ident, "".join(parts), rtl)
