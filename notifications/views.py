from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferenceForm


@login_required
def notification_list(request):
    """The person's notifications, newest first, grouped by day; unread ones marked."""
    unread_only = request.GET.get("non-lues") == "1"
    notifications = selectors.notifications_of(request.user, unread_only=unread_only)
    form = PreferenceForm(initial={"email": services.preference_of(request.user)}, user=request.user)
    return render(
        request,
        "notifications/list.html",
        {"days": selectors.grouped_by_day(notifications), "unread_only": unread_only, "form": form},
    )


def bell(request):
    """The header's bell alone, for htmx to refresh (at most once a minute). Signed out meanwhile:
    nothing to swap (204), never the login page inside the header."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    return render(request, "notifications/_bell.html")


@login_required
@require_POST
def notification_open(request, pk):
    return redirect(services.notification_open(user=request.user, pk=pk))


@login_required
@require_POST
def notifications_read(request):
    count = services.notifications_mark_read(user=request.user)
    if count:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


@login_required
@require_POST
def preference(request):
    form = PreferenceForm(request.POST, user=request.user)
    if form.is_valid():
        services.preference_set(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Votre choix est enregistré."))
        return redirect("notifications:list")
    notifications = selectors.notifications_of(request.user)
    return render(
        request,
        "notifications/list.html",
        {"days": selectors.grouped_by_day(notifications), "unread_only": False, "form": form},
        status=400,
    )
