from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .graders.common import MAX_SUBMISSION_BYTES
from .models import Submission


class CodeForm(forms.Form):
    """One textarea per file of the exercise; works without JavaScript."""

    mode = forms.ChoiceField(choices=Submission.Mode.choices, widget=forms.HiddenInput, required=False)

    def __init__(self, *args, filenames, initial_files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filenames = filenames
        for index, name in enumerate(filenames):
            self.fields[f"file_{index}"] = forms.CharField(
                label=name, required=False, strip=False, initial=(initial_files or {}).get(name, ""),
                widget=forms.Textarea(attrs={
                    "rows": 14, "spellcheck": "false", "autocapitalize": "none", "autocomplete": "off",
                    "class": "code", "wrap": "off",
                }),
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
