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


class ReviewFilterForm(forms.Form):
    exercise = forms.TypedChoiceField(label=_("Exercice"), required=False, coerce=int, empty_value=None)
    learner = forms.TypedChoiceField(label=_("Apprenant"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("État"), required=False, choices=[("", _("Tous"))] + list(Submission.Status.choices))

    def __init__(self, *args, exercises, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [("", _("Tous"))] + [(e.pk, f"{e.module.course.title} — {e.title}") for e in exercises]
        self.fields["learner"].choices = [("", _("Tous"))] + [(u.pk, u.display_name) for u in learners]


class OverrideForm(forms.Form):
    score = forms.IntegerField(label=_("Note retenue (en %)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("Commentaire pour l'apprenant"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


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
