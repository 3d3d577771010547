"""A notebook's work form: one text area per answer cell, or the .ipynb made in the learner's Jupyter."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.files import file_input

from ... import notebooks
from ..common import MAX_SUBMISSION_BYTES

CODE_CELL = {"data-code-editor": "", "data-language": "python", "aria-describedby": "code-editor-help"}


class NotebookForm(forms.Form):
    """A notebook answered in the platform (one text area per answer cell) or uploaded as a .ipynb file.

    An uploaded file is refused here only when it cannot be stored (over 5 Mio, not UTF-8 text);
    anything else is stored first, then the grader explains what is wrong with it."""

    code_editor = True
    upload = forms.FileField(
        label=_("Ou envoyez le notebook fait dans votre Jupyter (.ipynb)"),
        required=False,
        widget=file_input(accept=".ipynb,application/x-ipynb+json", max_bytes=notebooks.MAX_BYTES),
    )

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = cells
        for cell in cells:
            if cell["answer"]:
                self.fields[cell["field"]] = forms.CharField(
                    label=cell["label"],
                    required=False,
                    strip=False,
                    initial=cell["source"],
                    widget=forms.Textarea(
                        attrs={
                            "rows": max(4, min(16, cell["source"].count("\n") + 3)),
                            "spellcheck": "false" if cell["code"] else "true",
                            "autocapitalize": "none",
                            "autocomplete": "off",
                            "class": "code" if cell["code"] else "",
                            # Code cells become the code editor (Python) where JavaScript runs.
                            **(CODE_CELL if cell["code"] else {}),
                        }
                    ),
                )

    def rows(self):
        """(cell, its bound field or None), in the notebook's order."""
        return [(cell, self[cell["field"]] if cell["answer"] else None) for cell in self.cells]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > notebooks.MAX_BYTES:
            raise ValidationError(notebooks.too_big(upload.name), code="too_big")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                _("%(name)s n'est pas un fichier texte UTF-8.") % {"name": upload.name}, code="encoding"
            ) from None

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            name, text = upload
            data["files"] = {name if name.endswith(".ipynb") else f"{name}.ipynb": text}
        else:
            data["answers"] = {cell["grade_id"]: data.get(cell["field"], "") for cell in self.cells if cell["answer"]}
            if sum(len(text.encode("utf-8")) for text in data["answers"].values()) > MAX_SUBMISSION_BYTES:
                raise ValidationError(
                    _("Votre travail dépasse 1 Mio : réduisez la taille des fichiers."), code="too_big"
                )
        return data
