from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Preference


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label=_("Recevoir aussi les notifications par courriel"),
        choices=Preference.Email.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email != Preference.Email.NEVER and not self.user.email:
            raise forms.ValidationError(
                _("Votre compte n’a pas d’adresse électronique : les notifications restent sous la cloche."),
                code="no_address",
            )
        return email
