"""Reading a Jupyter notebook file (nbformat 4), with French errors in the reader's words.

Lessons written as notebooks (courses.packages) and notebook exercises (exercises.notebooks) read
their files the same way; the format's own library, nbformat, validates them.
"""

import json

import nbformat
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024


class NotebookError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def too_big(name):
    return _("%(name)s dépasse 5 Mio : videz les sorties des cellules (Kernel › Restart & Clear Output).") % {
        "name": name
    }


def read_notebook(data, *, name="notebook.ipynb"):
    """A notebook (nbformat 4) from bytes or text; raises NotebookError with the learner's words."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise NotebookError([too_big(name)])
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise NotebookError(
            [
                _(
                    "%(name)s est trop imbriqué pour être lu (des listes ou des objets les uns dans les autres "
                    "sur des milliers de niveaux) : ce n'est pas un notebook ordinaire."
                )
                % {"name": name}
            ]
        ) from None
    except UnicodeDecodeError:
        raise NotebookError([_("%(name)s n'est pas un fichier texte UTF-8.") % {"name": name}]) from None
    except json.JSONDecodeError as exc:
        raise NotebookError(
            [
                _("%(name)s n'est pas un notebook valide (JSON invalide ligne %(line)s).")
                % {"name": name, "line": exc.lineno}
            ]
        ) from exc
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        raise NotebookError([_("%(name)s n'est pas un notebook Jupyter.") % {"name": name}])
    version = raw.get("nbformat")
    if version != 4:
        raise NotebookError(
            [
                _(
                    "%(name)s est au format de notebook %(version)s : seul le format 4 (Jupyter actuel) est accepté. "
                    "Ouvrez-le et enregistrez-le dans un Jupyter récent."
                )
                % {"name": name, "version": version}
            ]
        )
    try:
        notebook = nbformat.reads(data.decode("utf-8"), as_version=4)  # joins multi-line sources
        nbformat.validate(notebook)
    except RecursionError:
        raise NotebookError(
            [
                _(
                    "%(name)s est trop imbriqué pour être lu (des listes ou des objets les uns dans les autres "
                    "sur des milliers de niveaux) : ce n'est pas un notebook ordinaire."
                )
                % {"name": name}
            ]
        ) from None
    except nbformat.ValidationError as exc:
        raise NotebookError(
            [
                _("%(name)s ne respecte pas le format des notebooks : %(error)s")
                % {"name": name, "error": str(exc).splitlines()[0][:200]}
            ]
        ) from exc
    return notebook
