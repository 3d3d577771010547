"""What a course package may hold: folders and regular files of its own, nothing that leads elsewhere.

Whatever a package holds is published to learners. A symbolic link (`starter/mod.py -> /etc/hostname`,
`-> ../../config/settings.py`) would publish the file it points to, a FIFO would hang the import and a
device would be read as content. So a package folder is checked whole before any of it is read, and
such entries are refused, not skipped: the author learns why a file is missing.
"""

import os
import re
import stat
from pathlib import Path

from django.utils.translation import gettext as _


def refusal(path):
    """Why the entry at path (itself, not where a link leads) may not be read as package content; None if it may."""
    return mode_refusal(os.lstat(path).st_mode)


def refused_entries(root):
    """(path, reason) for every entry under root that is not a folder or a regular file, sorted by path.

    The root itself may be reached through a link (/tmp is one on some systems, and a command-line
    argument is the user's own choice); nothing below it is followed, so every entry accepted lies
    inside the root. A root that is a file is checked alone. Raises OSError when root does not exist.
    """
    root = Path(root)
    mode = os.stat(root).st_mode
    if not stat.S_ISDIR(mode):
        reason = mode_refusal(mode)
        return [(root, reason)] if reason else []
    refused, folders = [], [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = folder / entry.name
                reason = mode_refusal(entry.stat(follow_symlinks=False).st_mode)
                if reason:
                    refused.append((path, reason))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(path)
    return sorted(refused)


def mode_refusal(mode):
    """Why an entry of this mode (os.lstat, or a zip member's Unix mode) may not be package content; None if it may."""
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return _("lien symbolique refusé : mettez à sa place le fichier ou le dossier lui-même")
    return _("fichier spécial refusé (périphérique, tube ou socket) : seuls les fichiers ordinaires sont lus")


LOCATED = re.compile(r"^(?P<location>[^\n]+?:\d+): (?P<message>.*)$", re.S)


def split_location(error):
    """(`mon-cours/course.toml:3`, what is wrong there) for a `file:line: message` error; ("", error) for others.

    Pages show them in French typography, « mon-cours/course.toml:3 : … »; the command line keeps `file:line: …`."""
    match = LOCATED.match(error)
    return (match["location"], match["message"]) if match else ("", error)


# tomllib explains a syntax error in English, "<what> (at line L, column C)": a trainer reads it in French.
TOML_ERROR = re.compile(r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S)
TOML_WHAT = (
    (re.compile(r"^Expected '=' after a key"), lambda m: _("« = » attendu après la clé")),
    (re.compile(r"^Expected '\]' at the end of a table"), lambda m: _("« ] » attendu à la fin du nom de la table")),
    (re.compile(r"^Expected '\]\]' at the end of an array"), lambda m: _("« ]] » attendu à la fin du nom de la table")),
    (re.compile(r"^Expected newline or end of document"), lambda m: _("fin de ligne attendue après la valeur")),
    (re.compile(r"^Expected '(?P<x>.*)'$"), lambda m: _("« %(x)s » attendu") % {"x": m["x"]}),
    (re.compile(r"^Cannot overwrite a value"), lambda m: _("cette clé a déjà une valeur plus haut")),
    (
        re.compile(r"^Cannot declare (?P<x>.*) twice"),
        lambda m: _("la table « %(x)s » est déclarée deux fois") % {"x": _key(m["x"])},
    ),
    (
        re.compile(r"^Cannot (?:mutate immutable|redefine) namespace (?P<x>.*)"),
        lambda m: _("« %(x)s » est déjà défini plus haut") % {"x": _key(m["x"])},
    ),
    (re.compile(r"^Duplicate inline table key '(?P<x>.*)'"), lambda m: _("clé « %(x)s » en double") % {"x": m["x"]}),
    (re.compile(r"^Illegal character '\\n'"), lambda m: _("texte non refermé : guillemet manquant en fin de ligne")),
    (
        re.compile(r"^(?:Found invalid|Illegal) character (?P<x>.*)"),
        lambda m: _("caractère interdit ici : %(x)s") % {"x": m["x"]},
    ),
    (
        re.compile(r"^Invalid initial character for a key"),
        lambda m: _("une clé ne peut pas commencer par ce caractère"),
    ),
    (re.compile(r"^Invalid statement"), lambda m: _("ligne illisible : attendu « clé = valeur » ou « [table] »")),
    (re.compile(r"^Unclosed array"), lambda m: _("liste non refermée : « ] » manquant")),
    (re.compile(r"^Unclosed inline table"), lambda m: _("table non refermée : « } » manquant")),
    (re.compile(r"^Unescaped '\\' in a string"), lambda m: _("« \\ » seul dans un texte : écrivez « \\\\ »")),
    (re.compile(r"^Invalid hex value|^Escaped character is not"), lambda m: _("caractère échappé invalide (« \\u… »)")),
    (re.compile(r"^Unterminated string"), lambda m: _("texte non refermé : guillemet manquant")),
    (re.compile(r"^Invalid date or datetime"), lambda m: _("date ou heure invalide")),
    (re.compile(r"^Invalid value"), lambda m: _("valeur invalide (un texte s'écrit entre guillemets)")),
)


def _key(parts):
    """tomllib names a table by its key tuple, "('attestation', 'min_score_by_kind')": attestation.min_score_by_kind."""
    return ".".join(re.findall(r"'([^']*)'", parts)) or parts


def toml_problem(exc, text=""):
    """(line, French message) for a tomllib error; the line is that of `text`'s end when tomllib says "end of
    document"."""
    match = TOML_ERROR.match(str(exc))
    what = match["what"] if match else str(exc)
    line = int(match["line"]) if match and match["line"] else max(1, len(text.splitlines()))
    explained = next((explain(found) for pattern, explain in TOML_WHAT if (found := pattern.match(what))), None)
    if explained is None:
        explained = _("syntaxe incorrecte")
    if match and match["column"]:
        return line, _("TOML invalide (colonne %(column)s) : %(problem)s") % {
            "column": match["column"],
            "problem": explained,
        }
    return line, _("TOML invalide : %(problem)s") % {"problem": explained}
