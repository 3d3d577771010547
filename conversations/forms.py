from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_LENGTH


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_LENGTH,
        help_text=_("Un lien, du **gras** ou du `code` s’écrivent comme dans les leçons (Markdown)."),
        error_messages={"required": _("Écrivez votre message.")},
    )
