"""Charts drawn on the server as SVG markup (no JavaScript, no library), for the progress views."""


def bar_chart_svg(values, labels, key, title, description):
    """A small accessible bar chart, drawn on the server (no JavaScript, no library)."""
    from django.utils.html import escape

    width, height, left, bottom = 560, 220, 40, 30
    top = max(values or [0]) or 1
    step = (width - left - 10) / max(len(values), 1)
    bars = []
    for i, (value, label) in enumerate(zip(values, labels, strict=False)):
        h = (height - bottom - 20) * value / top
        x = left + i * step + step * 0.15
        y = height - bottom - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="#0d3d73"/>'
            f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#1a1a1a">{value}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{height - 10}" font-size="12" text-anchor="middle" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-t {key}-d" class="chart" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(description)}</desc>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#595959"/>'
        + "".join(bars)
        + "</svg>"
    )
