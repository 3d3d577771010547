"""Quizzes: questions from quiz.toml or Moodle's GIFT (gift.py), graded in the web process (grader.py);
answered in the page and edited in the browser question by question (forms.py)."""

import json
import random

from django import forms as django_forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import Kind, Unreadable


class Quiz(Kind):
    name = "quiz"
    label = gettext_lazy("Quiz")
    in_sandbox = False
    self_checked = True
    work_template = "kinds/quiz/work.html"
    test_template = "kinds/quiz/test.html"
    review_template = "kinds/quiz/review.html"
    formset_template = "kinds/quiz/questions.html"
    work_title = gettext_lazy("Vos réponses")

    def form_fields(self):
        return {
            "gift": django_forms.CharField(
                label=gettext_lazy(
                    "Quiz : importer des questions au format GIFT de Moodle (remplace les questions ci-dessous)"
                ),
                required=False,
                widget=django_forms.Textarea(attrs={"rows": 6, "class": "code"}),
                help_text=gettext_lazy(
                    "Exemple : « Le code secret se donne au téléphone. {F} » ; « Quel site ? {=impots.gouv.fr "
                    "~impots-gouv.com} »."
                ),
            )
        }

    def work_of(self, submission):
        return submission.answers

    # ------------------------------------------------------------ the learner's page

    def work_form(self, exercise, learner, data=None, files=None):
        from .forms import AnswersForm

        return AnswersForm(data, questions=exercise.config.get("questions", []))

    def work_sent(self, exercise, form):
        """The answers, always a submission (a quiz has no « Vérifier »); None while questions are
        left blank and the learner has not chosen to send them as they are."""
        if form.cleaned_data["unanswered"]:
            return None
        return {"answers": form.cleaned_data["answers"], "mode": "submit"}

    def page_context(self, exercise, learner, form):
        """The questions to draw (a matching question's right-hand sides shuffled, the same way each
        time); after a sending with blanks, the answers given and the questions left blank."""
        given = form.cleaned_data["answers"] if form.is_bound and form.is_valid() else {}
        questions = exercise.config.get("questions", [])
        for index, question in enumerate(questions):
            question["index"] = index
            if question["type"] == "matching":
                rights = list(enumerate(p["right"] for p in question["pairs"]))
                random.Random(f"{exercise.pk}-{index}").shuffle(rights)
                question["shuffled"] = rights
            if given:
                answer = question["given"] = given.get(f"q{index}")
                for position, pair in enumerate(question.get("pairs", [])):
                    pair["given"] = answer.get(str(position), "") if isinstance(answer, dict) else ""
        context = {"questions": questions}
        if given and form.cleaned_data["unanswered"]:
            context.update(unanswered=form.cleaned_data["unanswered"], work_notice="kinds/quiz/unanswered.html")
        return context

    def demo_attempts(self, spec, rng):
        """The right answers; one time in four, first sent empty."""
        from .grader import right_answers

        right = {"answers": right_answers(spec.config.get("questions", []))}
        return [{"answers": {}}, right] if rng.random() < 0.25 else [right]

    def review_context(self, submission, comments):
        """The answers in words, question by question (no code to comment on)."""
        return {"quiz_answers": answers_in_words(submission.exercise, submission.answers or {})}

    def read_submission(self, path):
        """A JSON file of answers ({"q0": "1", "q1": ["0", "2"], …})."""
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            raise Unreadable(_("Réponses illisibles : le fichier n'est pas un JSON valide.")) from None

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

    def formset(self, exercise, data=None):
        """The questions, one form each, when no GIFT text replaces them."""
        from .forms import QuestionFormSet, question_initial

        stored = exercise.config.get("questions", []) if exercise is not None and exercise.kind == self.name else []
        return QuestionFormSet(data, prefix="q", initial=[question_initial(q) for q in stored])

    def take_formset(self, form, formset):
        from .forms import questions_from

        if form.cleaned_data.get("questions") is not None:  # from GIFT text
            return True
        form.cleaned_data["questions"] = questions_from(formset)
        if not form.cleaned_data["questions"]:
            if formset.is_valid():
                form.add_error(None, _("Un quiz a besoin d’au moins une question."))
            return False
        return True


def answers_in_words(exercise, answers):
    """(question, the learner's answer in words) for the trainer's review."""
    rows = []
    for index, question in enumerate(exercise.config.get("questions", [])):
        given = answers.get(f"q{index}")
        choices = [c["text"] for c in question.get("choices", [])]
        if question["type"] == "single":
            text = choices[int(given)] if str(given).isdigit() and int(given) < len(choices) else ""
        elif question["type"] == "multiple":
            text = ", ".join(choices[int(g)] for g in given or [] if str(g).isdigit() and int(g) < len(choices))
        elif question["type"] == "truefalse":
            text = {"true": _("Vrai"), "false": _("Faux")}.get(given, "")
        elif question["type"] == "matching":
            pairs = question["pairs"]
            text = "; ".join(
                f"{pairs[i]['left']} → {pairs[int(v)]['right']}"
                for i, v in enumerate((given or {}).get(str(i), "") for i in range(len(pairs)))
                if str(v).isdigit() and int(v) < len(pairs)
            )
        else:
            text = str(given or "")
        rows.append((question["text"], text or _("(pas de réponse)")))
    return rows
