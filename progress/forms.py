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
