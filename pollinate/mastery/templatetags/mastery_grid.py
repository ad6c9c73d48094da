"""The class grid's rows, built in Python: a class of 1,000 × 20 competencies is 20,000 cells, which the template
engine would render an order of magnitude slower. Every value is escaped here."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
_P, _C = 111111111, 222222222


@register.simple_tag
def grid_rows(grid: Any) -> SafeString:
    # "/mastery/learner/<p>/why/<c>/" split around the learner id, so a cell is three joined strings.
    why = reverse("mastery:why", args=[_P, _C])
    before, after = why.split(str(_P))
    progress_before, progress_after = reverse("mastery:progress", args=[_P]).split(str(_P))
    # Cells are shared objects (one per competency, level and status): their markup is built once each. Kept short
    # (a class of 1,000 is 20,000 cells): the symbol is decorative, the level is read as a number and in words.
    parts_of: dict[int, tuple[str, str]] = {}
    out = []
    for row in grid.rows:
        pid = str(row.learner_id)
        cells = []
        for cell in row.cells:
            parts = parts_of.get(id(cell))
            if parts is None:
                text = f"{cell.text} " if cell.level is not None else ""
                parts = (
                    f'<td class="lv{cell.band}"><a href="{before}',
                    after.replace(str(_C), str(cell.competency_id))
                    + f'"><span aria-hidden="true">{cell.symbol}</span> {escape(text)}<small>{escape(cell.words)}'
                    "</small></a></td>",
                )
                parts_of[id(cell)] = parts
            cells.append(parts[0] + pid + parts[1])
        out.append(
            f'<tr><th scope="row"><a href="{progress_before}{pid}{progress_after}">{escape(row.name)}</a></th>'
            + "".join(cells)
            + "</tr>"
        )
    return mark_safe("\n".join(out))  # every value above is escaped
