"""A simulation's forms: sending the démarche for correction (the steps come from the server, never
from the form), and writing a message in the webmail."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .simulators.webmail import MAX_BODY, MAX_SUBJECT


class FinishForm(forms.Form):
    """« J'ai terminé » on the exercise page: what is graded is what the platform recorded."""

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps

    def clean(self):
        data = super().clean()
        if not self.steps:
            raise ValidationError(
                _("Vous n'avez encore rien fait dans la simulation : ouvrez-la et faites la démarche d'abord."),
                code="empty",
            )
        return data


class WriteForm(forms.Form):
    to = forms.CharField(
        label=_("À"),
        max_length=1000,
        help_text=_("Une ou plusieurs adresses, séparées par des virgules."),
        error_messages={"required": _("Indiquez à qui envoyer le message.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "contacts", "inputmode": "email"}),
    )
    subject = forms.CharField(label=_("Objet"), max_length=MAX_SUBJECT, required=False)
    body = forms.CharField(
        label=_("Message"), max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    attach = forms.MultipleChoiceField(
        label=_("Joindre des fichiers de « Mes documents »"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, attachable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attach"].choices = [(name, name) for name in attachable]
        if not attachable:
            del self.fields["attach"]

    def recipients(self):
        return [address.strip() for address in self.cleaned_data["to"].replace(";", ",").split(",") if address.strip()]


class PayForm(forms.Form):
    """A payment page's form, checked as a real one would be. Its values are never stored."""

    name = forms.CharField(label=_("Nom et prénom"), max_length=100)
    address = forms.CharField(label=_("Adresse de livraison"), max_length=300)
    card = forms.RegexField(
        label=_("Numéro de carte"),
        regex=r"^[0-9 ]{13,23}$",
        error_messages={"invalid": _("Un numéro de carte a 16 chiffres (les espaces sont permis).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    expiry = forms.RegexField(
        label=_("Date d’expiration (MM/AA)"),
        regex=r"^(0[1-9]|1[0-2])/[0-9]{2}$",
        error_messages={"invalid": _("Écrivez la date comme sur la carte : 08/29.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    code = forms.RegexField(
        label=_("Cryptogramme (3 chiffres au dos)"),
        regex=r"^[0-9]{3}$",
        error_messages={"invalid": _("Le cryptogramme a 3 chiffres.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
