from django import forms
from django.forms.utils import flatatt
from django.utils.translation import gettext_lazy as _

from config.files import IMAGE, NOTEBOOK, PDF, TEXT, check_upload, file_input


class ValidationForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire (ce qui a été observé)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvalidationForm(forms.Form):
    reason = forms.CharField(label=_("Raison du retrait"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


MAX_BYTES = 5 * 1024 * 1024
ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.txt,.csv,.md,.ipynb"


class ObservationForm(forms.Form):
    note = forms.CharField(label=_("Observation"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(
        label=_("Fichier joint (facultatif, 5 Mio au plus)"),
        required=False,
        help_text=_("Une image, un PDF, un texte brut ou un notebook Jupyter. Une photo plus lourde est réduite."),
        widget=file_input(accept=ACCEPT, max_bytes=MAX_BYTES, images=True),
    )

    @property
    def file_input_attrs(self):
        """For templates that write the input themselves (one per competence): the widget's accept and limits."""
        return flatatt(self.fields["file"].widget.attrs)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            upload = check_upload(upload, allowed=[IMAGE, PDF, TEXT, NOTEBOOK], max_bytes=MAX_BYTES)
        return upload


class PositioningForm(forms.Form):
    """A positioning test's questions: « je sais… » (yes, with help, not yet) and small tasks with « Je ne
    sais pas » always offered. Every question needs an answer."""

    def __init__(self, *args, spec, **kwargs):
        from .positioning import CAN, UNKNOWN

        super().__init__(*args, **kwargs)
        self.spec = spec
        for question in spec["questions"]:
            if question["kind"] == "can":
                choices = list(CAN)
                missing = _("Répondez à cette question.")
            else:
                choices = [*((str(i), c) for i, c in enumerate(question["choices"])), (UNKNOWN, _("Je ne sais pas"))]
                missing = _("Répondez à cette question (ou choisissez « Je ne sais pas »).")
            self.fields[question["id"]] = forms.ChoiceField(
                label=question["text"],
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": missing},
            )

    def items(self):
        """(question, its field) in order, for the template (a task shows its simulated screen first)."""
        return [(question, self[question["id"]]) for question in self.spec["questions"]]


class PositioningTestForm(forms.Form):
    """Writing a positioning test in the browser: its address name (new tests), the groups it is for (a
    mediator's or trainer's own; a coordinator may leave it for everyone) and positioning.toml, checked as
    `import_positioning` checks it."""

    slug = forms.SlugField(
        label=_("Nom court (dans l’adresse)"),
        max_length=50,
        help_text=_("Minuscules, chiffres et tirets, par exemple « positionnement-atelier-mardi »."),
    )
    cohorts = forms.ModelMultipleChoiceField(
        label=_("Pour les groupes"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Seules les personnes de ces groupes voient ce test."),
    )
    source = forms.CharField(
        label=_("Le test (positioning.toml)"),
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text=_("Les domaines, les questions et les règles de recommandation : voir docs/course-format.md."),
        strip=False,
    )

    def __init__(self, *args, user, test=None, **kwargs):
        from accounts.services import cohorts_for_staff

        super().__init__(*args, **kwargs)
        self.user, self.test = user, test
        self.fields["cohorts"].queryset = cohorts_for_staff(user)
        if not user.is_coordinator:
            self.fields["cohorts"].required = True
            self.fields["cohorts"].error_messages["required"] = _("Choisissez au moins un de vos groupes.")
        if test is not None:
            del self.fields["slug"]

    def clean_slug(self):
        from .models import PositioningTest

        slug = self.cleaned_data["slug"]
        if slug in ("atelier", "resultats") or PositioningTest.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Ce nom court est déjà pris : choisissez-en un autre."))
        return slug

    def clean_source(self):
        from .positioning import PositioningError, check_courses, read_text

        source = self.cleaned_data["source"]
        try:
            self.spec = read_text(source)
            check_courses(self.spec)
        except PositioningError as exc:
            raise forms.ValidationError([error for error in exc.errors[:8]]) from None
        return source
