"""A horizontal bar chart as inline SVG: no JavaScript library for a handful of bars."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 22
LABEL_WIDTH = 140
BAR_WIDTH = 260


def bar_chart(
    rows: list[tuple[str, float | None]], *, title: str, maximum: float = 100
) -> SafeString:
    """One bar per (label, value); a value of None is drawn as "not yet" instead of a bar."""
    if not rows:
        return mark_safe("")
    height = ROW * len(rows) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 50
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = 4 + i * ROW
        short = label if len(label) <= 20 else label[:19] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(short)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{LABEL_WIDTH}" y="{y + 15}" font-size="12" fill="#777">not yet</text>'
            )
            continue
        share = max(0.0, min(1.0, value / maximum)) if maximum else 0
        w = round(BAR_WIDTH * share, 1)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{w}" height="{ROW - 8}" fill="#3b6ea5">'
            f"<title>{escape(label)}: {value:g}</title></rect>"
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + w + 4}" y="{y + 15}" font-size="12">{value:g}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above


def scatter_chart(
    points: list[tuple[str, float, float]], *, title: str, x_label: str, y_label: str
) -> SafeString:
    """Students as dots on two 0-100 axes (here: readiness against quiz score), so a teacher
    sees at a glance whether those who knew fewer words also understood less."""
    if not points:
        return mark_safe("")
    size, pad = 180, 34
    width, height = size + pad + 10, size + pad + 10
    parts = [
        f'<svg class="chart scatter" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{pad}" y="10" width="{size}" height="{size}" fill="none" stroke="#ccc"/>',
        f'<text x="{pad + size / 2}" y="{height - 4}" text-anchor="middle" font-size="11">'
        f"{escape(x_label)} →</text>",
        f'<text x="10" y="{10 + size / 2}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 10 {10 + size / 2})">{escape(y_label)} →</text>',
        f'<text x="{pad - 4}" y="{10 + size}" text-anchor="end" font-size="10">0</text>',
        f'<text x="{pad - 4}" y="18" text-anchor="end" font-size="10">100</text>',
        f'<text x="{pad + size}" y="{10 + size + 12}" text-anchor="end" font-size="10">100</text>',
    ]
    for label, x, y in points:
        cx = pad + size * max(0.0, min(1.0, x / 100))
        cy = 10 + size * (1 - max(0.0, min(1.0, y / 100)))
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="#3b6ea5" fill-opacity=".7">'
            f"<title>{escape(label)}: {x:g} % known, {y:g} % right</title></circle>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above
