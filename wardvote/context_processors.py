from wardvote import access


def current_assignment(request):
    """The division and role shown in the header of every page."""
    user = getattr(request, "user", None)
    assignments = access.active_assignments(user)
    return {
        "current_assignment": access.primary_assignment(user),
        "user_assignments": assignments,
    }
