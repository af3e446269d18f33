from django import template

from reporting import vietnamese

register = template.Library()


@register.filter
def figures_words(number: int) -> str:
    return vietnamese.figures_and_words(int(number))


@register.filter
def long_date(day) -> str:
    return vietnamese.long_date(day) if day else ""
