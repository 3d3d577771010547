"""The learner's work as code files typed in the page (every kind but the quiz and the notebook):
the form, the files' order, and the trainer's line-by-line view of them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Submission
from .common import MAX_SUBMISSION_BYTES

FILE_ORDER = {".html": 0, ".css": 1, ".js": 2}


def file_order(name):
    """Pages, then styles, then scripts, then the rest, by name: the same on every database
    (PostgreSQL's jsonb does not keep the keys' order)."""
    return (FILE_ORDER.get(name[name.rfind(".") :], 3) if "." in name else 3, name)


def filenames(exercise, default_file):
    """The files the learner types: the starter's, else the kind's default file."""
    return sorted(exercise.starter, key=file_order) or [default_file]


# The code editor's language for a file (static/codemirror/editor.min.js, built from frontend/codemirror).
EDITOR_LANGUAGES = {".py": "python", ".js": "javascript", ".mjs": "javascript", ".html": "html", ".htm": "html"}
EDITOR_LANGUAGES |= {".css": "css", ".sql": "sql"}


def editor_language(filename):
    return EDITOR_LANGUAGES.get(("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else "", "")


class CodeForm(forms.Form):
    """One textarea per file of the exercise; works without JavaScript, and becomes a code editor with it
    (line numbers, highlighting, Tab indents; the page loads the editor because `code_editor` says so)."""

    code_editor = True
    mode = forms.ChoiceField(choices=Submission.Mode.choices, widget=forms.HiddenInput, required=False)

    def __init__(self, *args, filenames, initial_files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filenames = filenames
        for index, name in enumerate(filenames):
            self.fields[f"file_{index}"] = forms.CharField(
                label=name,
                required=False,
                strip=False,
                initial=(initial_files or {}).get(name, ""),
                widget=forms.Textarea(
                    attrs={
                        "rows": 14,
                        "spellcheck": "false",
                        "autocapitalize": "none",
                        "autocomplete": "off",
                        "class": "code",
                        "wrap": "off",
                        "data-code-editor": "",
                        "data-language": editor_language(name),
                        "aria-describedby": "code-editor-help",
                    }
                ),
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

    def typed(self):
        """The files as typed, valid or not (a live preview shows what was typed); {} when unbound."""
        if not self.is_bound:
            return {name: self[f"file_{i}"].value() or "" for i, name in enumerate(self.filenames)}
        return {name: self.data.get(self.add_prefix(f"file_{i}"), "") for i, name in enumerate(self.filenames)}


def reviewed_files(files, comments):
    """The files of a submission line by line, each line with the trainer's comments on it."""
    rows = []
    for index, (name, content) in enumerate(sorted(files.items(), key=lambda item: file_order(item[0]))):
        lines = [
            {"number": n, "text": text, "comments": [c for c in comments if c.filename == name and c.line == n]}
            for n, text in enumerate(content.splitlines(), start=1)
        ]
        rows.append({"index": index, "name": name, "lines": lines})
    return rows
