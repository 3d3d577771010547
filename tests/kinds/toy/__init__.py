"""A kind written only for the test of the design (tests/kinds/test_new_kind.py): « écho », the learner
types the expected sentence, in the exercise page or on a page of the kind's own. It is one package
(this one: its Kind here, its grader, form, view and templates beside it) and one registry line, and
nothing else of the platform changes (docs/architecture.md, « Adding an exercise kind »)."""

from django import forms
from django.utils.translation import gettext as _

from exercises.kinds.base import Kind, require

FILE = "reponse.txt"


class Echo(Kind):
    name = "echo"
    label = "Écho"
    in_sandbox = False  # nothing of the learner's runs: graded at once, in the web process
    self_checked = True
    default_file = FILE
    work_template = "kinds/echo/work.html"
    work_title = "Votre phrase"

    def form_fields(self):
        return {"expected": forms.CharField(label="Réponse attendue", required=False)}

    def work_form(self, exercise, learner, data=None, files=None):
        from .forms import PhraseForm

        return PhraseForm(data)

    def work_sent(self, exercise, form):
        return {"files": {FILE: form.cleaned_data["phrase"]}, "mode": "submit"}

    def page_context(self, exercise, learner, form):
        return {"echo_words": len(exercise.solution.get(FILE, "").split())}

    def urls(self):
        from .views import urlpatterns

        return urlpatterns

    def read(self, folder, spec, meta, errors):
        if FILE not in spec.solution:
            errors.append(f"{folder / 'solution' / FILE}:1: " + _("fichier manquant"))

    def initial(self, exercise):
        return {"expected": exercise.solution.get(FILE, "")}

    def clean_form(self, form, data):
        require(form, data, ["expected"])

    def apply(self, exercise, data):
        exercise.starter, exercise.solution, exercise.tests = {FILE: ""}, {FILE: data["expected"]}, {}
