from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from neighborhoods.models import Level
from neighborhoods.selectors import children_with_counts
from wardvote import access


@login_required
@require_GET
def division_detail(request, pk):
    division = access.get_division_for(request.user, pk)
    children = children_with_counts(division)
    context = {
        "division": division,
        "breadcrumbs": [d for d in division.ancestors() if access.can(request.user, access.READ, d)],
        "children": children,
        "is_ward": division.level == Level.WARD,
        "can_manage_register": access.can(request.user, access.MANAGE_REGISTER, division),
        "total_households": sum(getattr(child, "household_count", 0) for child in children),
    }
    return render(request, "neighborhoods/division_detail.html", context)
