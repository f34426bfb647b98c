"""The charts are SVG drawn on the server: data in, marks out."""

import datetime
import itertools
import re

import pytest

from indicators.charts import (
    LABEL_CHARACTER,
    LABEL_GAP,
    WIDTH,
    Mark,
    bar_chart,
    line_chart,
    ticks,
)


def marks_of(svg, kind):
    return re.findall(rf"<{kind} class=\"chart-(?:point|bar)\"[^>]*/>", svg)


def attr(mark, name):
    return float(re.search(rf'{name}="([-\d.]+)"', mark).group(1))


def test_a_series_is_a_line_through_one_point_per_value_rising_with_the_values():
    svg = line_chart(
        [Mark("2023", 10), Mark("2024", 30), Mark("2025", 20)],
        title="المتدربون",
        description="من 10 إلى 20",
        ident="c",
    )
    points = marks_of(svg, "circle")
    assert len(points) == 3
    heights = [attr(p, "cy") for p in points]
    # SVG's y grows downwards: the highest value is the highest point.
    assert heights[1] < heights[2] < heights[0]
    xs = [attr(p, "cx") for p in points]
    assert xs == sorted(xs), "left to right, time runs from left to right"
    assert '<polyline class="chart-line"' in svg
    assert "<text" in svg and ">2024</text>" in svg


def test_right_to_left_the_line_is_mirrored_oldest_on_the_right():
    marks = [Mark("2023", 10), Mark("2024", 30), Mark("2025", 20)]
    ltr = [
        attr(p, "cx")
        for p in marks_of(line_chart(marks, title="t", description="d", ident="c"), "circle")
    ]
    rtl_svg = line_chart(marks, title="t", description="d", ident="c", rtl=True)
    rtl = [attr(p, "cx") for p in marks_of(rtl_svg, "circle")]
    assert rtl == sorted(rtl, reverse=True)
    assert [round(a + b) for a, b in zip(ltr, rtl, strict=True)] == [480] * 3
    assert 'direction="rtl"' in rtl_svg


def test_a_breakdown_is_one_bar_per_group_as_long_as_its_share_of_the_largest():
    svg = bar_chart(
        [Mark("دمشق", 40), Mark("حلب", 20), Mark("حمص", 10)],
        title="الطلبات",
        description="حسب المحافظة",
        ident="b",
    )
    bars = marks_of(svg, "rect")
    widths = [attr(b, "width") for b in bars]
    assert len(bars) == 3
    assert widths[0] == 2 * widths[1] == 4 * widths[2]
    assert [attr(b, "x") for b in bars] == [16.0] * 3, "left to right, bars start on the left"


def test_right_to_left_bars_grow_from_the_right():
    svg = bar_chart(
        [Mark("دمشق", 40), Mark("حلب", 20)], title="t", description="d", ident="b", rtl=True
    )
    bars = marks_of(svg, "rect")
    ends = [attr(b, "x") + attr(b, "width") for b in bars]
    assert ends == [480 - 16] * 2


def test_a_suppressed_group_has_no_bar_and_says_why():
    svg = bar_chart(
        [Mark("دمشق", 12), Mark("درعا", None)],
        title="t",
        description="d",
        ident="b",
        number=lambda v: "أقل من 5" if v is None else str(v),
    )
    assert len(marks_of(svg, "rect")) == 1
    assert "أقل من 5" in svg


def test_the_chart_is_named_and_described_for_screen_readers_and_escapes_its_words():
    svg = line_chart([Mark("<2025>", 1)], title='A & "B"', description="<script>", ident="x")
    assert 'role="img"' in svg and 'aria-labelledby="x-title x-desc"' in svg
    assert '<title id="x-title">A &amp; &quot;B&quot;</title>' in svg
    assert "<script>" not in svg and "&lt;2025&gt;" in svg


def test_the_value_axis_falls_on_round_numbers():
    assert ticks(214) == [0, 50, 100, 150, 200, 250]
    assert ticks(14) == [0, 5, 10, 15]
    assert ticks(1000) == [0, 200, 400, 600, 800, 1000]
    assert ticks(0) == [0, 1]


def test_a_label_s_dots_stand_clear_of_its_bar():
    """Arabic letters reach about half their size below the line they sit on (the dots of a
    final ي): a bar 4 units under the label's baseline covered them, and "الإلكتروني" read
    "الإلكترونى". The labels are drawn at 17 units (`.chart text` in site.css)."""
    svg = bar_chart(
        [Mark("البريد الإلكتروني", 15), Mark("منصات التواصل الاجتماعي", 12)],
        title="t",
        description="d",
        ident="b",
        rtl=True,
    )
    baselines = [float(y) for y in re.findall(r'class="chart-label"[^>]* y="([\d.]+)"', svg)]
    tops = [attr(bar, "y") for bar in marks_of(svg, "rect")]
    assert len(baselines) == len(tops) == 2
    assert all(top - baseline >= 17 / 2 for baseline, top in zip(baselines, tops, strict=True))


def _label_extents(svg):
    """(left, right) of each date label, from its anchor and its estimated width."""
    extents = []
    for x, anchor, text in re.findall(
        r'class="chart-label" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)<', svg
    ):
        x, width = float(x), len(text) * LABEL_CHARACTER
        # Right to left, a label's start is its right edge, and its end its left edge.
        left = {"start": x - width, "middle": x - width / 2, "end": x}[anchor]
        extents.append((left, left + width))
    return sorted(extents)


@pytest.mark.parametrize("count", [2, 5, 7, 12, 40])
def test_the_dates_of_a_weekly_series_neither_overlap_nor_leave_the_chart(count):
    """A nightly count or a weekly history labels its points with days ("13 نوفمبر 2026"):
    six of them at once ran into each other, and the newest ran off the chart's edge."""
    start = datetime.date(2026, 10, 30)
    marks = [
        Mark(f"{(start + datetime.timedelta(weeks=i)).day} نوفمبر 2026", i) for i in range(count)
    ]
    svg = line_chart(marks, title="t", description="d", ident="c", rtl=True)
    extents = _label_extents(svg)
    assert len(extents) >= 2  # the oldest and the newest, at least
    assert all(left >= 0 and right <= WIDTH for left, right in extents)
    assert all(a[1] + LABEL_GAP / 2 <= b[0] for a, b in itertools.pairwise(extents))
    newest = marks[-1].label
    assert f">{newest}<" in svg


def test_a_series_points_stand_where_their_days_fall():
    """A weekly past followed by nightly counts: a week is drawn seven times as wide as a day,
    not as if the points were evenly apart."""
    start = datetime.date(2026, 11, 1)
    days = [start + datetime.timedelta(weeks=i) for i in range(3)]
    days += [days[-1] + datetime.timedelta(days=i) for i in (1, 2)]
    marks = [Mark(f"{day.day} نوفمبر", i, day) for i, day in enumerate(days)]
    xs = [
        attr(p, "cx")
        for p in marks_of(line_chart(marks, title="t", description="d", ident="c"), "circle")
    ]
    week, day = xs[1] - xs[0], xs[4] - xs[3]
    assert xs == sorted(xs) and abs(week - 7 * day) < 0.5
    assert abs((xs[2] - xs[1]) - week) < 0.2
    # Whatever their days, the newest date is written, and none runs into another.
    extents = _label_extents(line_chart(marks, title="t", description="d", ident="c", rtl=True))
    assert len(extents) >= 2
    assert all(a[1] + LABEL_GAP / 2 <= b[0] for a, b in itertools.pairwise(extents))
