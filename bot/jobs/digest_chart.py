"""The staff digest's chart: members per organisation, stacked by seniority (a PNG)."""

from __future__ import annotations

import io

from bot.core.digest import NOT_STATED, Digest


def chart_png(digest: Digest) -> bytes:
    """Draw the chart with matplotlib's Agg backend (no display needed); PNG bytes."""
    # Imported here: matplotlib is slow to import and only the digest needs it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    rows = digest.organisations
    names = [r.organisation for r in rows]
    fig = Figure(figsize=(8, max(2.5, 0.45 * len(rows) + 1.5)), dpi=100)
    ax = fig.add_subplot()
    left = [0] * len(rows)
    palette = matplotlib.colormaps["viridis"]
    stated = [lv for lv in digest.levels if lv != NOT_STATED]
    for i, level in enumerate(digest.levels):
        counts = [r.by_level.get(level, 0) for r in rows]
        colour = "#bbbbbb" if level == NOT_STATED else palette(i / max(1, len(stated)))
        ax.barh(names, counts, left=left, label=level, color=colour)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.invert_yaxis()  # most members at the top
    ax.set_xlabel("Members")
    ax.set_title("Members per organisation, by seniority")
    ax.xaxis.get_major_locator().set_params(integer=True)
    if digest.levels:
        ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
