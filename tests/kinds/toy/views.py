"""The « écho » kind's own page: the sentence typed step by step, as a simulator's learner works through
pages of the kind's own; what is sent there is a submission like any other."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from exercises import services


@login_required
def echo_page(request, pk):
    from . import Echo

    exercise = services.access_exercise(request.user, pk)
    if exercise.kind != Echo.name:
        raise Http404
    kind = Echo()
    form = kind.work_form(exercise, request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_create(
                exercise=exercise,
                learner=request.user,
                language=request.LANGUAGE_CODE,
                **kind.work_sent(exercise, form),
            )
        except services.SubmissionRefused as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")
    return render(request, "kinds/echo/page.html", {"exercise": exercise, "form": form})


urlpatterns = [path("<int:pk>/echo/", echo_page, name="echo_page")]
