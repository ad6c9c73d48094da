"""The class grid's rows, built in Python: a class of 1,000 × 20 competencies is 20,000 cells, which the template
engine would render an order of magnitude slower. Every value is escaped here."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    # One flat list joined once: no string per cell or per row on the way (measured about 40 % faster at 1,000).
    out: list[str] = []
    add = out.append
    for row in grid.rows:
        pid = str(row.learner_id)
        add(f'<tr><th scope="row"><a href="{progress_before}{pid}{progress_after}">{_ascii(escape(row.name))}</a></th>')
        for cell in row.cells:
            parts = parts_of.get(id(cell))
            if parts is None:
                text = f"{cell.text} " if cell.level is not None else ""
                parts = parts_of[id(cell)] = (
                    f'<td class="lv{cell.band}"><a href="{before}',
                    _ascii(
                        after.replace(str(_C), str(cell.competency_id))
                        + f'"><span aria-hidden="true">{cell.symbol}</span> {escape(text)}<small>{escape(cell.words)}'
                        "</small></a></td>"
                    ),
                )
            add(parts[0])
            add(pid)
            add(parts[1])
        add("</tr>\n")
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def workshop_cards(grid: Any) -> SafeString:
    """One card per small group: the competency and the level to reach, how many, and each learner linked to "why"
    on that competency (one ``reverse`` per group, not per learner)."""
    cards = []
    for group in grid.groups:
        before, after = reverse("mastery:why", args=[_P, group.competency.pk]).split(str(_P))
        title = _("%(c)s: towards %(lv)s %(words)s") % {
            "c": escape(group.competency.label),
            "lv": group.next_level,
            "words": escape(group.next_words),
        }
        n = len(group.learners)
        count = ngettext("%(n)s learner", "%(n)s learners", n) % {"n": n}
        links = "".join(f'<li><a href="{before}{lid}{after}">{escape(name)}</a></li>' for lid, name in group.learners)
        cards.append(
            f'<li class="card"><h3 class="card__title">{title}</h3><p class="muted">{count}</p><ul>{links}</ul></li>'
        )
    return mark_safe(_ascii(f'<ul class="grid grid--cards" role="list">{"".join(cards)}</ul>'))  # values escaped


@register.simple_tag
def grid_header(grid: Any) -> SafeString:
    """The competency columns: the code (or label) shortened, the full statement on hover."""
    cells = "".join(
        f'<th scope="col"><abbr title="{escape(c.shown_statement)}">{escape(Truncator(c.code or c.label).chars(24))}'
        "</abbr></th>"
        for c in grid.competencies
    )
    return mark_safe(_ascii(cells))  # every value escaped


def _ascii(html: str) -> str:
    """Characters beyond ASCII as character references (the page reads the same). One character above U+00FF makes
    Python hold the whole page at two bytes a character, and then each template join and the final UTF-8 encode of
    a 1,000-learner grid cost several milliseconds more (join and encode of 20,000 cells: 5.4 ms with "✓", 0.4 ms
    with "&#10003;")."""
    return html.encode("ascii", "xmlcharrefreplace").decode("ascii")
