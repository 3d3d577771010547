"""Quizzes: questions from quiz.toml or Moodle's GIFT (gift.py), graded in the web process (grader.py)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import Kind


class Quiz(Kind):
    name = "quiz"
    label = gettext_lazy("Quiz")
    in_sandbox = False
    work = "answers"
    self_checked = True
    work_template = "kinds/quiz/work.html"
    test_template = "kinds/quiz/test.html"
    work_title = gettext_lazy("Vos réponses")

    def form_fields(self):
        return {
            "gift": forms.CharField(
                label=gettext_lazy(
                    "Quiz : importer des questions au format GIFT de Moodle (remplace les questions ci-dessous)"
                ),
                required=False,
                widget=forms.Textarea(attrs={"rows": 6, "class": "code"}),
                help_text=gettext_lazy(
                    "Exemple : « Le code secret se donne au téléphone. {F} » ; « Quel site ? {=impots.gouv.fr "
                    "~impots-gouv.com} »."
                ),
            )
        }

    def work_of(self, submission):
        return submission.answers

    def read(self, folder, spec, meta, errors):
        from ...spec import ExerciseError
        from .grader import read_quiz

        try:
            spec.config["questions"] = read_quiz(folder)
        except ExerciseError as exc:
            errors.extend(exc.errors)

    def export(self, exercise, folder):
        from ...packages import toml_table

        text = "".join(
            "[[questions]]\n" + toml_table(list(q.items())) + "\n" for q in exercise.config.get("questions", [])
        )
        (folder / "quiz.toml").write_text(text, encoding="utf-8")

    def clean_form(self, form, data):
        from .gift import GiftError, parse_gift

        data["questions"] = None  # from the question forms, unless GIFT text is given
        if (data.get("gift") or "").strip():
            try:
                data["questions"] = parse_gift(data["gift"])
            except GiftError as exc:
                form.add_error("gift", _("Ligne %(line)s : %(message)s") % {"line": exc.line, "message": exc.message})

    def apply(self, exercise, data):
        exercise.config = {"questions": data["questions"]}
        exercise.starter = exercise.solution = exercise.tests = {}
