"""The notebook kind's own pages: the learner's copy to download (alone or with its data), a sent
notebook as it was sent, and the pictures of an executed notebook."""

import io
import zipfile

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from courses.notebook_html import image_response

from ... import services
from ...models import RenderedNotebook


def _attachment(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _notebook_exercise(request, pk):
    from . import Notebook

    exercise = services.access_exercise(request.user, pk)
    if exercise.kind != Notebook.name:
        raise Http404
    return exercise


@login_required
def notebook_download(request, pk):
    """The learner's copy of a notebook exercise (solutions and hidden tests removed), to open in Jupyter."""
    exercise = _notebook_exercise(request, pk)
    return _attachment(exercise.starter["notebook.ipynb"], f"{exercise.slug}.ipynb", "application/x-ipynb+json")


@login_required
def notebook_bundle(request, pk):
    """The learner's copy and the data files it reads, as a zip (the data in data/, next to the notebook)."""
    exercise = _notebook_exercise(request, pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{exercise.slug}/{exercise.slug}.ipynb", exercise.starter["notebook.ipynb"])
        for name, text in sorted(exercise.tests.items()):
            if name.startswith("data/"):
                archive.writestr(f"{exercise.slug}/{name}", text)
    return _attachment(buffer.getvalue(), f"{exercise.slug}.zip", "application/zip")


@login_required
def submission_notebook(request, pk):
    """A submitted notebook as the learner sent it, for the learner and the trainers who may see it."""
    submission = services.access_submission(request.user, pk)
    name = next((n for n in submission.files if n.endswith(".ipynb")), None)
    if name is None:
        raise Http404
    return _attachment(
        submission.files[name], f"{submission.exercise.slug}-{submission.pk}.ipynb", "application/x-ipynb+json"
    )


@login_required
def notebook_image(request, pk, index):
    """A picture of an executed notebook (a chart), for whoever may see the submission."""
    submission = services.access_submission(request.user, pk)
    rendered = get_object_or_404(RenderedNotebook.objects.only("images"), submission=submission)
    return image_response(rendered.images, index)


urlpatterns = [
    path("<int:pk>/notebook.ipynb", notebook_download, name="notebook_download"),
    path("<int:pk>/notebook.zip", notebook_bundle, name="notebook_bundle"),
    path("soumissions/<int:pk>/notebook.ipynb", submission_notebook, name="submission_notebook"),
    path("soumissions/<int:pk>/notebook/images/<int:index>.png", notebook_image, name="notebook_image"),
]
