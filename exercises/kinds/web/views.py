"""The web kinds' own pages: the live preview of the page being typed, and a graded page's screenshots."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_POST

from ... import services
from ...kinds import kind_of
from ...models import Screenshot


@login_required
@require_POST
def exercise_preview(request, pk):
    """The live preview of a web exercise from the files being typed: nothing is stored.
    htmx swaps the returned iframe; without JavaScript, the whole page comes back."""
    from ...views import exercise_context, with_kind_csp

    exercise = services.access_exercise(request.user, pk)
    kind = kind_of(exercise.kind)
    if not kind.web_page:
        raise Http404
    context = exercise_context(request, exercise, form=kind.work_form(exercise, request.user, request.POST))
    template = f"{kind.beside_template}#preview" if request.htmx else "exercises/exercise_detail.html"
    return with_kind_csp(kind, render(request, template, context))


@login_required
def screenshot(request, pk, width):
    """A graded web submission's page as a PNG, for whoever may see the submission."""
    submission = services.access_submission(request.user, pk)
    shot = get_object_or_404(Screenshot, submission=submission, width=width)
    response = HttpResponse(bytes(shot.image), content_type="image/png")
    response["Cache-Control"] = "private, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


urlpatterns = [
    path("<int:pk>/apercu/", exercise_preview, name="exercise_preview"),
    path("soumissions/<int:pk>/page-<int:width>.png", screenshot, name="screenshot"),
]
