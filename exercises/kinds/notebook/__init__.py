"""Jupyter notebooks with nbgrader's conventions: the learner's cells and the tests in two sandboxes
(grader.py; docs/grading.md), the executed notebook kept as the learner's document; answered in the
page or uploaded (forms.py); the copy to download and the pictures of a run served by views.py."""

import contextlib

from django import forms as django_forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import REQUIRED, Kind, Unreadable, write_tree


class MultipleFileField(django_forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class MultipleFileInput(django_forms.ClearableFileInput):
    allow_multiple_selected = True


class Notebook(Kind):
    name = "notebook"
    label = gettext_lazy("Notebook Jupyter")
    default_file = "notebook.ipynb"
    work_template = "kinds/notebook/work.html"
    result_template = "kinds/notebook/result.html"
    review_template = "kinds/notebook/review.html"
    authoring_template = "kinds/notebook/authoring.html"
    work_title = gettext_lazy("Votre notebook")
    uploads = True

    def grading_budget(self, spec):
        """The kernel's run is bounded as a whole (grader.MAX_RUN_S, ten minutes), then the tests run."""
        from .grader import MAX_RUN_S, TESTS_EXTRA_SECONDS

        return MAX_RUN_S + 5 + TESTS_EXTRA_SECONDS + 60

    def form_fields(self):
        from config.files import file_input

        from ...notebooks import MAX_BYTES

        return {
            "notebook": django_forms.FileField(
                label=gettext_lazy("Notebook : le notebook source (.ipynb)"),
                required=False,
                widget=file_input(accept=".ipynb,application/x-ipynb+json", max_bytes=MAX_BYTES),
                help_text=gettext_lazy(
                    "Avec les conventions de nbgrader : cellules « solution » (### BEGIN SOLUTION / ### END "
                    "SOLUTION), cellules de tests notées (### BEGIN HIDDEN TESTS / ### END HIDDEN TESTS pour les "
                    "tests cachés), réponses rédigées notées par le formateur. Un devoir nbgrader s'importe tel quel."
                ),
            ),
            "notebook_data": MultipleFileField(
                label=gettext_lazy("Notebook : fichiers de données (CSV, JSON, texte)"),
                required=False,
                help_text=gettext_lazy(
                    "Lus par le notebook sous data/<nom>. Les fichiers envoyés remplacent les précédents."
                ),
            ),
        }

    # ------------------------------------------------------------ the learner's page

    def work_form(self, exercise, learner, data=None, files=None):
        from .forms import NotebookForm

        return NotebookForm(data, files, cells=editor_cells(exercise, learner))

    def work_sent(self, exercise, form):
        """The uploaded notebook, else the learner's copy with the answers typed in the page."""
        from ... import notebooks

        files = form.cleaned_data.get("files")
        if files is None:
            copy = notebooks.read_notebook(exercise.starter["notebook.ipynb"])
            files = {"notebook.ipynb": notebooks.as_text(notebooks.with_answers(copy, form.cleaned_data["answers"]))}
        return {"files": files}

    def page_context(self, exercise, learner, form):
        return {
            "has_public_tests": True,
            "notebook_has_data": any(name.startswith("data/") for name in exercise.tests),
        }

    def result_context(self, submission):
        """The executed notebook (sanitised HTML, its pictures served by notebook_image), once graded."""
        from django.urls import reverse

        from courses.notebook_html import with_image_urls

        from ...models import RenderedNotebook

        if submission.is_pending:
            return {}
        html = RenderedNotebook.objects.filter(submission=submission).values_list("html", flat=True).first() or ""
        return {
            "document": with_image_urls(html, lambda n: reverse("exercises:notebook_image", args=[submission.pk, n]))
        }

    def urls(self):
        from .views import urlpatterns

        return urlpatterns

    # ------------------------------------------------------------ the trainer's review

    def review_context(self, submission, comments):
        """No code to comment line by line: the executed notebook above, the sent one to download."""
        return {}

    def manual_parts(self, submission):
        """The written answers and tasks a trainer grades (nbgrader's manual cells)."""
        from ...results import Result

        if not submission.result:
            return []
        manual = [t for t in Result.from_storage(submission.result).tests if t.manual]
        return [{"key": t.key, "points": t.points or 0, "earned": t.earned or 0, "name": t.name} for t in manual]

    def authoring_context(self, exercise):
        return {"notebook_roles": cell_roles(exercise)}

    def read_submission(self, path):
        """An .ipynb file, checked for size before it is read (a 50 MB notebook is not loaded), or a folder."""
        from ... import notebooks

        if path.is_file() and path.stat().st_size > notebooks.MAX_BYTES:
            raise Unreadable(notebooks.too_big(path.name))
        return super().read_submission(path)

    # ------------------------------------------------------------ grading

    def store_artefacts(self, submission_id, artefacts):
        """The executed notebook, as the learner reads it under the result (none if it could not run)."""
        from ...models import RenderedNotebook

        RenderedNotebook.objects.filter(submission_id=submission_id).delete()
        document = artefacts.get("document")
        if document:
            RenderedNotebook.objects.create(
                submission_id=submission_id, html=document["html"], images=document["images"]
            )

    def read(self, folder, spec, meta, errors):
        """source.ipynb (nbgrader's conventions) and data/: the learner's copy is made from the source."""
        from ... import notebooks
        from ...spec import MAX_FILE_BYTES, read_tree

        path = folder / "source.ipynb"
        if not path.is_file():
            errors.append(f"{path}:1: " + _("fichier manquant : le notebook source de l'exercice"))
            return
        if path.stat().st_size > MAX_FILE_BYTES:
            errors.append(f"{path}:1: " + _("fichier trop gros (1 Mio au plus) : videz les sorties des cellules"))
            return
        data = read_tree(folder / "data", errors)
        try:
            source = notebooks.read_notebook(path.read_bytes(), name="source.ipynb")
            notebooks.roles(source)
        except notebooks.NotebookError as exc:
            errors.extend(f"{path}:1: {error}" for error in exc.errors)
            return
        set_notebook(spec, notebooks.as_text(source), data)

    def export(self, exercise, folder):
        """The source notebook and its data; the learner's copy is made from it."""
        write_tree(
            folder,
            [
                ("", {"source.ipynb": exercise.tests.get("source.ipynb", "")}),
                ("", {name: text for name, text in exercise.tests.items() if name.startswith("data/")}),
            ],
        )

    def clean_form(self, form, data):
        """The uploaded source notebook, checked (or the stored one), and its data files."""
        from ... import notebooks
        from ...spec import MAX_FILE_BYTES, safe_relative

        upload = data.get("notebook")
        instance = form.instance
        stored = instance.tests.get("source.ipynb") if instance is not None and instance.kind == self.name else None
        if upload:
            try:
                text = upload.read(notebooks.MAX_BYTES + 1).decode("utf-8")
                source = notebooks.read_notebook(text, name=upload.name)
                notebooks.roles(source)
                data["notebook_source"] = notebooks.as_text(source)
            except UnicodeDecodeError:
                form.add_error("notebook", _("%(name)s n'est pas un fichier texte UTF-8.") % {"name": upload.name})
            except notebooks.NotebookError as exc:
                form.add_error("notebook", " ; ".join(exc.errors[:8]))
        elif stored:
            data["notebook_source"] = stored
        else:
            form.add_error("notebook", REQUIRED)
        files = {}
        for item in data.get("notebook_data") or []:
            if safe_relative(item.name) is None or "/" in item.name or item.size > MAX_FILE_BYTES:
                form.add_error(
                    "notebook_data",
                    _("Fichier refusé : %(name)s (nom simple, 1 Mio au plus).") % {"name": item.name[:80]},
                )
                continue
            try:
                files[item.name] = item.read().decode("utf-8")
            except UnicodeDecodeError:
                form.add_error(
                    "notebook_data", _("%(name)s n'est pas un fichier texte UTF-8.") % {"name": item.name[:80]}
                )
        if not files and stored:
            files = {
                name.removeprefix("data/"): text for name, text in instance.tests.items() if name.startswith("data/")
            }
        data["notebook_files"] = files

    def apply(self, exercise, data):
        spec = exercise.spec()
        set_notebook(spec, data["notebook_source"], data.get("notebook_files") or {})
        exercise.starter, exercise.solution, exercise.tests, exercise.config = (
            spec.starter,
            spec.solution,
            spec.tests,
            {},
        )
        exercise.points = spec.points


def set_notebook(spec, source_text, data):
    """Store a notebook exercise: the source (with its hidden tests) and data as tests, the learner's copy
    as starter, the source itself as the reference solution (its answers must pass its tests)."""
    from ... import notebooks

    source = notebooks.read_notebook(source_text, name="source.ipynb")
    spec.tests = {"source.ipynb": source_text, **{f"data/{name}": text for name, text in data.items()}}
    spec.starter = {"notebook.ipynb": notebooks.as_text(notebooks.learner_copy(source))}
    spec.solution = {"notebook.ipynb": source_text}
    # A notebook is worth its graded cells' points (nbgrader's total), whatever exercise.toml says.
    total = sum(role.points for role in notebooks.roles(source) if role.role in ("test", "manual", "task"))
    spec.points = max(1, round(total))


def editor_cells(exercise, learner):
    """The page's cells: the learner's copy, with the answers of their latest notebook if it can be read."""
    from ... import notebooks, selectors

    copy = notebooks.read_notebook(exercise.starter["notebook.ipynb"])
    answers = {}
    for name, text in (selectors.latest_files(exercise, learner) or {}).items():
        if name.endswith(".ipynb"):
            with contextlib.suppress(notebooks.NotebookError):
                answers = notebooks.answers_of(notebooks.read_notebook(text, name=name))
    return notebooks.editor_cells(copy, answers)


def cell_roles(exercise):
    """What each cell of a notebook exercise's source is, for the trainer."""
    from ... import notebooks

    if "source.ipynb" not in exercise.tests:
        return []
    labels = {
        "solution": _("Réponse de l'apprenant (corrigée par les tests)"),
        "test": _("Tests publics"),
        "manual": _("Réponse rédigée, notée par le formateur"),
        "task": _("Tâche, notée par le formateur"),
        "locked": _("Consigne (non modifiable)"),
        "text": _("Texte ou code fourni"),
    }
    try:
        source = notebooks.read_notebook(exercise.tests["source.ipynb"])
        roles = notebooks.roles(source)
    except notebooks.NotebookError:
        return []
    rows = []
    for role, cell in zip(roles, source.cells, strict=False):
        label = labels[role.role]
        if role.role == "test" and role.hidden_tests:
            label = _("Tests publics et tests cachés")
        first = next((line for line in cell.source.splitlines() if line.strip()), "")
        rows.append(
            {
                "number": role.index + 1,
                "type": cell.cell_type,
                "role": label,
                "grade_id": role.grade_id,
                "points": role.points if role.role in ("test", "manual", "task") else None,
                "first": first[:80],
            }
        )
    return rows
