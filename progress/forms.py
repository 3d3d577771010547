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
