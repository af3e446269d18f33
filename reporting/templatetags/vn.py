from django import template

from reporting import vietnamese

register = template.Library()


@register.filter
def figures_words(number: int) -> str:
    return vietnamese.figures_and_words(int(number))


@register.filter
def long_date(day) -> str:
    return vietnamese.long_date(day) if day else ""


@register.filter
def dong(amount) -> str:
    """12500000 → "12.500.000 đồng"; nothing for no amount."""
    return "" if amount is None or amount == "" else vietnamese.dong(amount)


@register.filter
def signed_dong(amount) -> str:
    """A difference: "+1.500.000 đồng", "-500.000 đồng", "0 đồng"."""
    if amount is None or amount == "":
        return ""
    return ("+" if amount > 0 else "") + vietnamese.dong(amount)
