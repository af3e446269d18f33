from django import template

register = template.Library()


@register.filter
def vn_name(user) -> str:
    """A person's name in Vietnamese order: family and middle names (last_name), then the given name."""
    if user is None:
        return ""
    full = " ".join(part for part in (user.last_name, user.first_name) if part)
    return full or user.get_username()


@register.filter
def get_item(mapping, key):
    """``{{ row.stages|get_item:stage }}``: a dictionary's value by a key held in a variable."""
    return mapping.get(key) if mapping else None
