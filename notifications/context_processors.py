from functools import cache

from .selectors import unread_count


def bell(request):
    """The bell's count comes with the page: one query, made only when a template shows it (the
    template calls the function; `cache` keeps the answer for the page's other mentions)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": cache(lambda: unread_count(user))}
