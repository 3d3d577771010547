import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class CompetenceCodesField(forms.CharField):
    """Competence codes typed as text (« RNCP37674-CP3, CRCN-3.4 »), checked against the loaded frameworks."""

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)  # as the form field of a model JSONField
        kwargs.pop("decoder", None)
        kwargs["required"] = False
        kwargs.setdefault("label", _("Compétences travaillées"))
        kwargs.setdefault("help_text", _("Codes séparés par des virgules, par exemple RNCP37674-CP3, CRCN-3.4."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(value)
        return value

    def clean(self, value):
        from . import services

        text = super().clean(value) or ""
        codes = list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text) if code))
        unknown = services.unknown_codes(codes)
        if unknown:
            raise ValidationError(
                _("Codes inconnus : %(codes)s (voir les référentiels chargés)."), code="unknown", params={"codes": ", ".join(unknown)}
            )
        return codes


class ValidationForm(forms.Form):
    comment = forms.CharField(label=_("Commentaire (ce qui a été observé)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class InvalidationForm(forms.Form):
    reason = forms.CharField(label=_("Raison du retrait"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ObservationForm(forms.Form):
    note = forms.CharField(label=_("Observation"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Fichier joint (facultatif, 5 Mio au plus)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("Le fichier dépasse 5 Mio."), code="too_big")
        return upload
