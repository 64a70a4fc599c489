"""A bar chart drawn on the server as SVG geometry (no charting library in the browser)."""

from datetime import timedelta

WIDTH, HEIGHT = 720, 200
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 36, 22, 10
MAX_BARS = 60


def _buckets(points, today):
    """Per day from the first point to `today`; per week (starting Monday) when that is too many bars."""
    if not points:
        return [], "day"
    values = dict(points)
    first = min(values)
    last = max(max(values), today)
    days = (last - first).days + 1
    if days <= MAX_BARS:
        return [(first + timedelta(days=i), values.get(first + timedelta(days=i), 0)) for i in range(days)], "day"
    start = first - timedelta(days=first.weekday())
    weeks = {}
    for day, value in values.items():
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + value
    count = (last - start).days // 7 + 1
    return [(start + timedelta(weeks=i), weeks.get(start + timedelta(weeks=i), 0)) for i in range(count)], "week"


def bar_chart(points, *, today):
    """`points`: [(date, value)]. Returns the SVG geometry: bars with their tooltips, a y-axis top value and
    a few date labels, or None when there is nothing to draw."""
    buckets, unit = _buckets(points, today)
    if not buckets:
        return None
    top = max(value for _, value in buckets) or 1
    plot_w, plot_h = WIDTH - PAD_LEFT - 4, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / len(buckets)
    bar_w = max(step * 0.75, 1)
    bars = []
    for index, (day, value) in enumerate(buckets):
        h = plot_h * value / top
        label = f"Week of {day:%d %b %Y}" if unit == "week" else f"{day:%a %d %b %Y}"
        bars.append(
            {
                "x": round(PAD_LEFT + index * step + (step - bar_w) / 2, 1),
                "y": round(PAD_TOP + plot_h - h, 1),
                "w": round(bar_w, 1),
                "h": round(h, 1),
                "value": value,
                "title": f"{label}: {value} ticket{'s' if value != 1 else ''}",
            }
        )
    label_at = sorted({0, len(buckets) // 2, len(buckets) - 1})
    labels = [{"x": round(PAD_LEFT + i * step + step / 2, 1), "text": f"{buckets[i][0]:%d %b}"} for i in label_at]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "labels": labels,
        "top": top,
        "unit": unit,
        "axis_x": PAD_LEFT,
        "axis_y": HEIGHT - PAD_BOTTOM,
        "label_y": HEIGHT - 6,
        "top_y": PAD_TOP + 4,
        "total": sum(value for _, value in buckets),
    }
