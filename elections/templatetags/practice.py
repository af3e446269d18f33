"""``{% practice_page %}``: whether the page shows a record of a practice copy (the banner)."""

from __future__ import annotations

from django import template

from elections.selectors.practice import is_practice

register = template.Library()

# The context names under which the pages of the election workflow pass their main record.
PAGE_RECORDS = ("plan", "election", "meeting", "contest", "decision", "result", "budget", "commendation")


@register.simple_tag(takes_context=True)
def practice_page(context) -> bool:
    return any(is_practice(context.get(name)) for name in PAGE_RECORDS)
