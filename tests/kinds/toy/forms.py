"""The « écho » kind's work form: one line of text, required."""

from django import forms


class PhraseForm(forms.Form):
    phrase = forms.CharField(
        label="Votre phrase", max_length=200, error_messages={"required": "Écrivez la phrase avant d'envoyer."}
    )
