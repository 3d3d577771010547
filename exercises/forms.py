import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.qualifications import CompetenceCodesField

from . import kinds
from .models import Submission


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


class DeadlineForm(forms.Form):
    """A due date for a promo: an exercise or a whole module of a course given to the promo."""

    item = forms.ChoiceField(label=_("À rendre"))
    due_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    due_time = forms.TimeField(
        label=_("Heure"), initial="23:59", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    refuse_late = forms.BooleanField(
        label=_("Refuser les soumissions après cette date"),
        required=False,
        help_text=_("Sinon, elles sont acceptées et marquées « en retard »."),
    )

    def __init__(self, *args, courses, exercises, **kwargs):
        super().__init__(*args, **kwargs)
        by_course = {}
        for exercise in exercises:
            by_course.setdefault(exercise.module.course_id, []).append(exercise)
        choices = [("", _("Choisir…"))]
        self.items = {}
        for course in courses:
            options = []
            for module in course.modules.all():
                options.append((f"module:{module.pk}", _("Tout le module « %(t)s »") % {"t": module.title}))
                self.items[f"module:{module.pk}"] = ("module", module)
                for exercise in by_course.get(course.pk, []):
                    if exercise.module_id == module.pk:
                        options.append((f"exercise:{exercise.pk}", f"— {exercise.title}"))
                        self.items[f"exercise:{exercise.pk}"] = ("exercise", exercise)
            if options:
                choices.append((course.title, options))
        self.fields["item"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("due_date") and data.get("due_time"):
            data["due_at"] = timezone.make_aware(datetime.datetime.combine(data["due_date"], data["due_time"]))
        if data.get("item"):
            data["kind"], data["target"] = self.items[data["item"]]
        return data
