"""A quiz's forms: the learner's answers (read from the inputs the quiz's template draws), and the
questions as the author edits them in the browser (one form per question, in a formset)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .grader import parse_number, unanswered, validate_question


def quiz_answers(post, questions):
    """Read a quiz form: {"q0": "1", "q1": ["0", "2"], "q5": {"0": "1", ...}, ...}."""
    answers = {}
    for index, question in enumerate(questions):
        key = f"q{index}"
        if question["type"] == "multiple":
            answers[key] = post.getlist(key)
        elif question["type"] == "matching":
            answers[key] = {str(i): post.get(f"{key}_{i}", "") for i in range(len(question["pairs"]))}
        else:
            answers[key] = post.get(key, "")[:500]
    return answers


class AnswersForm(forms.Form):
    """A quiz's answers as sent; `unanswered` lists the questions left blank (unless the learner chose
    to send them as they are, « Envoyer quand même »)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions

    def clean(self):
        data = super().clean()
        data["answers"] = quiz_answers(self.data, self.questions)
        data["unanswered"] = [] if self.data.get("incomplete") else unanswered(self.questions, data["answers"])
        return data


QUESTION_TYPES = [
    ("single", _("Choix unique")),
    ("multiple", _("Choix multiple")),
    ("truefalse", _("Vrai ou faux")),
    ("short", _("Réponse courte")),
    ("numeric", _("Nombre")),
    ("matching", _("Associations")),
]


class QuestionForm(forms.Form):
    """One quiz question, edited in a form (a formset holds the quiz)."""

    type = forms.ChoiceField(label=_("Type de question"), choices=QUESTION_TYPES, initial="single")
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    lines = forms.CharField(
        label=_("Réponses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Choix : une réponse par ligne, une étoile * devant les bonnes, « | explication » après. "
            "Réponse courte : une réponse acceptée par ligne. Associations : « gauche = droite » par ligne."
        ),
    )
    regex = forms.CharField(
        label=_("Réponse courte : expression régulière (au lieu des réponses acceptées)"),
        required=False,
        help_text=_("Pour accepter des variantes : ^france ?connect$ (majuscules ignorées)."),
    )
    answer = forms.CharField(
        label=_("Bonne réponse (vrai ou faux, ou nombre)"),
        required=False,
        help_text=_("« vrai » ou « faux » ; pour un nombre : la valeur, par exemple 12 ou 3,5."),
    )
    tolerance = forms.FloatField(label=_("Tolérance (nombre)"), required=False, min_value=0)
    feedback = forms.CharField(label=_("Explication affichée après la réponse"), required=False)
    points = forms.IntegerField(label=_("Points"), min_value=0, max_value=100, initial=1)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind, lines = data["type"], [line.strip() for line in (data.get("lines") or "").splitlines() if line.strip()]
        question = {"type": kind, "text": data["text"].strip(), "points": data["points"]}
        if data.get("feedback"):
            question["feedback"] = data["feedback"].strip()
        if kind in ("single", "multiple"):
            question["choices"] = []
            for line in lines:
                text, _sep, note = line.partition("|")
                choice = {"text": text.strip().lstrip("*").strip(), "correct": text.strip().startswith("*")}
                if note.strip():
                    choice["feedback"] = note.strip()
                question["choices"].append(choice)
        elif kind == "short" and (data.get("regex") or "").strip():
            question["regex"] = data["regex"].strip()
        elif kind == "short":
            question["answers"] = lines
        elif kind == "matching":
            question["pairs"] = [
                {"left": left.strip(), "right": right.strip()}
                for left, sep, right in (line.partition("=") for line in lines)
                if sep
            ]
        elif kind == "truefalse":
            value = (data.get("answer") or "").strip().lower()
            if value not in ("vrai", "faux", "true", "false"):
                raise ValidationError(_("Écrivez « vrai » ou « faux » comme bonne réponse."), code="truefalse")
            question["answer"] = value in ("vrai", "true")
        elif kind == "numeric":
            value = parse_number(data.get("answer"))
            if value is None:
                raise ValidationError(_("Écrivez la bonne réponse en chiffres."), code="numeric")
            question["answer"], question["tolerance"] = value, data.get("tolerance") or 0
        problem = validate_question(question)
        if problem:
            raise ValidationError(problem, code="question")
        data["question"] = question
        return data


QuestionFormSet = forms.formset_factory(QuestionForm, extra=1, can_delete=True, max_num=100)


def question_initial(question):
    """A stored question back into QuestionForm's fields."""
    kind = question["type"]
    initial = {
        "type": kind,
        "text": question["text"],
        "feedback": question.get("feedback", ""),
        "points": question.get("points", 1),
    }
    if kind in ("single", "multiple"):
        initial["lines"] = "\n".join(
            ("* " if c.get("correct") else "") + c["text"] + (f" | {c['feedback']}" if c.get("feedback") else "")
            for c in question["choices"]
        )
    elif kind == "short":
        initial["lines"] = "\n".join(question.get("answers", []))
        initial["regex"] = question.get("regex", "")
    elif kind == "matching":
        initial["lines"] = "\n".join(f"{p['left']} = {p['right']}" for p in question["pairs"])
    elif kind == "truefalse":
        initial["answer"] = "vrai" if question["answer"] else "faux"
    elif kind == "numeric":
        initial["answer"], initial["tolerance"] = question["answer"], question.get("tolerance", 0)
    return initial


def questions_from(formset):
    """The questions of a valid QuestionFormSet (blank and deleted forms left out); [] if invalid."""
    if not formset.is_valid():
        return []
    return [
        form.cleaned_data["question"]
        for form in formset.forms
        if form.has_changed() and "question" in form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
