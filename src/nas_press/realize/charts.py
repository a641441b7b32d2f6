"""Charts in one language: the figures of a planned chart as a :class:`~nas_press.document.Chart`.

The words come from the ``[charts]`` table of ``locales/<lang>/locale.toml``
and every number from the language's
:class:`~nas_press.realize.locale.Formatter` (``34 %`` in Finnish and
Swedish, ``34%`` in English), so the picture and its alt text say the same as
the text around them. The alt text is the chart's title followed by every
figure drawn. Nothing is drawn here: the DOCX and HTML writers draw the
picture (:mod:`nas_press.writers.charts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nas_press.document import Chart, Series

if TYPE_CHECKING:
    from nas_press.plan.charts import PlannedChart
    from nas_press.realize.locale import Formatter


def chart_block(chart: PlannedChart, fmt: Formatter) -> Chart:
    """Return the words and figures of ``chart`` in the language of ``fmt``."""
    if chart.name == "new_clients_forms":
        return _forms(chart, fmt)
    if chart.name == "referrals_history":
        return _history(chart, fmt)
    raise AssertionError(chart.name)  # pragma: no cover - Chart validates its name


def _forms(chart: PlannedChart, fmt: Formatter) -> Chart:
    text = fmt.data.text
    period = text("periods", chart.period.kind.value, "during").format(year=chart.period.year)
    title = text("charts", "new_clients_forms", "title").format(period=period)
    total = text(
        "charts",
        "new_clients_forms",
        "total",
        "one" if fmt.locale.plural_form(chart.total) == "one" else "other",
    ).format(count=fmt.number(chart.total))
    names = [text("charts", "new_clients_forms", "forms", f.form) for f in chart.forms]
    counts = tuple(f.count or 0 for f in chart.forms)
    values = [
        text("charts", "value").format(count=fmt.number(c), percent=fmt.percent(f.share))
        for f, c in zip(chart.forms, counts, strict=True)
    ]
    items = [
        text("charts", "item").format(name=n, value=v) for n, v in zip(names, values, strict=True)
    ]
    overlap = text("charts", "new_clients_forms", "overlap") if chart.overlap else None
    alt = f"{title}. {total}: {fmt.join(items)}." + (f" {overlap}" if overlap else "")
    return Chart(
        name=chart.name,
        title=title,
        subtitle=total,
        note=overlap,
        categories=tuple(n[:1].upper() + n[1:] for n in names),
        axis=text("charts", "new_clients_forms", "axis"),
        ticks=_ticks(max(counts, default=0), fmt),
        series=(Series(None, counts, tuple(values)),),
        horizontal=True,
        alt=alt,
    )


def _history(chart: PlannedChart, fmt: Formatter) -> Chart:
    text = fmt.data.text
    points = chart.history
    title = text("charts", "referrals_history", "title", chart.period.kind.value).format(
        first=points[0].period.year, last=points[-1].period.year
    )
    sentences = []
    for point in points:
        referred = None if point.referred is None else fmt.number(point.referred)
        admitted = None if point.admitted is None else fmt.number(point.admitted)
        key = (
            "both"
            if referred is not None and admitted is not None
            else "only_referred"
            if referred is not None
            else "only_admitted"
        )
        sentences.append(
            text("charts", "referrals_history", key).format(
                year=point.period.year, referred=referred, admitted=admitted
            )
        )
    alt = f"{title}. {' '.join(sentences)}"
    series = []
    for key in ("referred", "admitted"):
        values = tuple(getattr(p, key) for p in points)
        if any(v is not None for v in values):
            labels = tuple("" if v is None else fmt.number(v) for v in values)
            series.append(Series(text("charts", "referrals_history", key), values, labels))
    top = max((v for s in series for v in s.values if v is not None), default=0)
    return Chart(
        name=chart.name,
        title=title,
        subtitle=None,
        note=None,
        categories=tuple(str(p.period.year) for p in points),
        axis=text("charts", "referrals_history", "axis"),
        ticks=_ticks(top, fmt),
        series=tuple(series),
        horizontal=False,
        alt=alt,
    )


def _ticks(top: int, fmt: Formatter) -> tuple[tuple[int, str], ...]:
    """Ticks from 0 to at least ``top`` in steps of 1, 2 or 5 times a power of ten, at most 6."""
    step, scale = 1, 1
    while True:
        for factor in (1, 2, 5):
            step = factor * scale
            if -(-max(top, 1) // step) <= 5:
                last = -(-max(top, 1) // step) * step
                return tuple((v, fmt.number(v)) for v in range(0, last + 1, step))
        scale *= 10
