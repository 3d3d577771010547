from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.files import file_input
from courses.qualifications import CompetenceCodesField

from . import kinds, notebooks
from .kinds.common import MAX_SUBMISSION_BYTES
from .models import Submission


class CodeForm(forms.Form):
    """One textarea per file of the exercise; works without JavaScript."""

    mode = forms.ChoiceField(choices=Submission.Mode.choices, widget=forms.HiddenInput, required=False)

    def __init__(self, *args, filenames, initial_files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filenames = filenames
        for index, name in enumerate(filenames):
            self.fields[f"file_{index}"] = forms.CharField(
                label=name,
                required=False,
                strip=False,
                initial=(initial_files or {}).get(name, ""),
                widget=forms.Textarea(
                    attrs={
                        "rows": 14,
                        "spellcheck": "false",
                        "autocapitalize": "none",
                        "autocomplete": "off",
                        "class": "code",
                        "wrap": "off",
                    }
                ),
            )

    def clean(self):
        data = super().clean()
        files = {name: data.get(f"file_{i}", "") for i, name in enumerate(self.filenames)}
        if sum(len(text.encode("utf-8")) for text in files.values()) > MAX_SUBMISSION_BYTES:
            raise ValidationError(_("Votre travail dépasse 1 Mio : réduisez la taille des fichiers."), code="too_big")
        if not any(text.strip() for text in files.values()):
            raise ValidationError(_("Vos fichiers sont vides : écrivez votre code avant d'envoyer."), code="empty")
        data["files"] = files
        return data


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


class ReviewFilterForm(forms.Form):
    exercise = forms.TypedChoiceField(label=_("Exercice"), required=False, coerce=int, empty_value=None)
    learner = forms.TypedChoiceField(label=_("Apprenant"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[("", _("Tous"))] + list(Submission.Status.choices) + [("review", _("Réponses rédigées à noter"))],
    )

    def __init__(self, *args, exercises, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [("", _("Tous"))] + [
            (e.pk, f"{e.module.course.title} — {e.title}") for e in exercises
        ]
        self.fields["learner"].choices = [("", _("Tous"))] + [(u.pk, u.display_name) for u in learners]


class OverrideForm(forms.Form):
    score = forms.IntegerField(label=_("Note retenue (en %)"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=_("Commentaire pour l'apprenant"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ManualGradeForm(forms.Form):
    """Points for each of a notebook's manual cells (written answers), and a comment."""

    comment = forms.CharField(
        label=_("Commentaire pour l'apprenant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = cells
        for cell in cells:
            self.fields[f"points_{cell['key']}"] = forms.FloatField(
                label=_("%(name)s : points (sur %(max)s)") % {"name": cell["name"], "max": f"{cell['points']:g}"},
                min_value=0,
                max_value=cell["points"],
                initial=cell["earned"],
            )
        self.order_fields([f"points_{cell['key']}" for cell in cells] + ["comment"])

    def points(self):
        return {cell["key"]: self.cleaned_data[f"points_{cell['key']}"] for cell in self.cells}


class LineCommentForm(forms.Form):
    filename = forms.ChoiceField(label=_("Fichier"))
    line = forms.IntegerField(label=_("Ligne"), min_value=1)
    text = forms.CharField(label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.fields["filename"].choices = [(name, name) for name in submission.files]

    def clean(self):
        data = super().clean()
        name, line = data.get("filename"), data.get("line")
        if name and line and line > len(self.submission.files.get(name, "").splitlines()):
            raise ValidationError(_("Ce fichier n'a pas autant de lignes."), code="line")
        return data


class ExerciseForm(forms.Form):
    """An exercise edited in the browser: one learner file, its reference solution and tests.

    Exercises with several files are edited in their course package; here only their
    description and limits change.
    """

    title = forms.CharField(label=_("Titre"), max_length=200)
    slug = forms.SlugField(label=_("Adresse courte"))
    kind = forms.ChoiceField(label=_("Type"), choices=kinds.choices)
    statement = forms.CharField(label=_("Énoncé"), required=False)
    points = forms.IntegerField(label=_("Points"), min_value=0, max_value=1000, initial=1)
    time_limit = forms.IntegerField(label=_("Temps limite (secondes)"), min_value=1, max_value=120, initial=10)
    memory_limit = forms.IntegerField(label=_("Mémoire limite (Mio)"), min_value=64, max_value=4096, initial=512)
    max_attempts = forms.IntegerField(label=_("Nombre d'essais maximum (vide : illimité)"), min_value=1, required=False)
    penalty = forms.IntegerField(
        label=_("Pénalité par essai supplémentaire (%)"), min_value=0, max_value=100, initial=0
    )
    competences = CompetenceCodesField()
    hints = forms.CharField(
        label=_("Indices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Un par ligne, précédé du nombre d'échecs après lequel il apparaît : « 1: Pensez à la liste vide »."
        ),
    )

    def __init__(self, *args, module, kind, instance=None, **kwargs):
        from courses.forms import RichTextEditor

        self.module, self.instance, self.kind = module, instance, kind
        super().__init__(*args, **kwargs)
        self.fields["statement"].widget = RichTextEditor(config_name="default")
        # Only this kind's fields (a form of 35 fields, 6,700 px tall, became one of a dozen): the kind is
        # chosen before the form is shown, declares its own fields (kind.form_fields), and is kept.
        self.fields.update(kind.form_fields())
        if not kind.in_sandbox:
            for name in kinds.SANDBOX_FIELDS:
                del self.fields[name]
        self.fields["kind"].initial = kind.name
        self.fields["kind"].widget = forms.HiddenInput()
        self.fields["kind"].disabled = instance is not None  # an exercise keeps its kind
        self.simple = instance is None or is_simple(instance)
        if not self.simple:
            for name in [*kind.authoring_fields, "kind"]:
                self.fields[name].disabled = True

    @property
    def kind_label(self):
        return self.kind.label

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        from .models import Exercise

        if (
            Exercise.objects.filter(module=self.module, slug=slug)
            .exclude(pk=getattr(self.instance, "pk", None))
            .exists()
        ):
            raise ValidationError(
                _("Un autre exercice de ce module utilise déjà cette adresse courte."), code="duplicate"
            )
        return slug

    def clean_hints(self):
        hints = []
        for number, line in enumerate(self.cleaned_data["hints"].splitlines(), start=1):
            if not line.strip():
                continue
            after, sep, text = line.partition(":")
            if not sep or not after.strip().isdigit() or not text.strip():
                raise ValidationError(_("Ligne %(n)s : écrivez « nombre: texte »."), code="hint", params={"n": number})
            hints.append({"after": int(after), "text": text.strip()})
        return hints

    def clean(self):
        data = super().clean()
        if not self.simple or self.errors:
            return data
        if data.get("kind") in kinds.KINDS:
            kinds.kind_of(data["kind"]).clean_form(self, data)
        return data


def is_simple(exercise):
    """Whether the browser form edits the exercise's files, or only its description and limits."""
    return kinds.kind_of(exercise.kind).is_simple(exercise)


def initial_for(exercise):
    return {
        "title": exercise.title,
        "slug": exercise.slug,
        "kind": exercise.kind,
        "statement": exercise.statement,
        "points": exercise.points,
        "time_limit": exercise.time_limit,
        "memory_limit": exercise.memory_limit,
        "max_attempts": exercise.max_attempts,
        "penalty": round(exercise.penalty * 100),
        "hints": "\n".join(f"{h['after']}: {h['text']}" for h in exercise.hints),
        "competences": exercise.competences,
        **kinds.kind_of(exercise.kind).initial(exercise),
    }


def apply_form(exercise, data, simple):
    """Copy a valid ExerciseForm onto an exercise (not saved)."""
    from courses.sanitize import clean_html

    exercise.title, exercise.slug = data["title"], data["slug"]
    exercise.statement, exercise.statement_source = clean_html(data.get("statement") or ""), ""
    exercise.points = data["points"]
    # A quiz's form has no run limits (graded in the web process): the exercise keeps its own.
    exercise.time_limit = data.get("time_limit") or exercise.time_limit
    exercise.memory_limit = data.get("memory_limit") or exercise.memory_limit
    exercise.max_attempts, exercise.penalty, exercise.hints = (
        data.get("max_attempts"),
        (data.get("penalty") or 0) / 100,
        data["hints"],
    )
    exercise.competences = data.get("competences") or []
    if simple:
        exercise.kind = data["kind"]
        kinds.kind_of(exercise.kind).apply(exercise, data)
    return exercise


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
        from .kinds.quiz.grader import parse_number, validate_question

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


class NotebookForm(forms.Form):
    """A notebook answered in the platform (one text area per answer cell) or uploaded as a .ipynb file.

    An uploaded file is refused here only when it cannot be stored (over 5 Mio, not UTF-8 text);
    anything else is stored first, then the grader explains what is wrong with it."""

    upload = forms.FileField(
        label=_("Ou envoyez le notebook fait dans votre Jupyter (.ipynb)"),
        required=False,
        widget=file_input(accept=".ipynb,application/x-ipynb+json", max_bytes=notebooks.MAX_BYTES),
    )

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = cells
        for cell in cells:
            if cell["answer"]:
                self.fields[cell["field"]] = forms.CharField(
                    label=cell["label"],
                    required=False,
                    strip=False,
                    initial=cell["source"],
                    widget=forms.Textarea(
                        attrs={
                            "rows": max(4, min(16, cell["source"].count("\n") + 3)),
                            "spellcheck": "false" if cell["code"] else "true",
                            "autocapitalize": "none",
                            "autocomplete": "off",
                            "class": "code" if cell["code"] else "",
                        }
                    ),
                )

    def rows(self):
        """(cell, its bound field or None), in the notebook's order."""
        return [(cell, self[cell["field"]] if cell["answer"] else None) for cell in self.cells]

    def clean_upload(self):
        from .notebooks import MAX_BYTES, too_big

        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise ValidationError(too_big(upload.name), code="too_big")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                _("%(name)s n'est pas un fichier texte UTF-8.") % {"name": upload.name}, code="encoding"
            ) from None

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            name, text = upload
            data["files"] = {name if name.endswith(".ipynb") else f"{name}.ipynb": text}
        else:
            data["answers"] = {cell["grade_id"]: data.get(cell["field"], "") for cell in self.cells if cell["answer"]}
            if sum(len(text.encode("utf-8")) for text in data["answers"].values()) > MAX_SUBMISSION_BYTES:
                raise ValidationError(
                    _("Votre travail dépasse 1 Mio : réduisez la taille des fichiers."), code="too_big"
                )
        return data
