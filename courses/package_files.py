"""What a course package may hold: folders and regular files of its own, nothing that leads elsewhere.

Whatever a package holds is published to learners. A symbolic link (`starter/mod.py -> /etc/hostname`,
`-> ../../config/settings.py`) would publish the file it points to, a FIFO would hang the import and a
device would be read as content. So a package folder is checked whole before any of it is read, and
such entries are refused, not skipped: the author learns why a file is missing.
"""

import os
import stat
from pathlib import Path

from django.utils.translation import gettext as _


def refusal(path):
    """Why the entry at path (itself, not where a link leads) may not be read as package content; None if it may."""
    return _reason(os.lstat(path).st_mode)


def refused_entries(root):
    """(path, reason) for every entry under root that is not a folder or a regular file, sorted by path.

    The root itself may be reached through a link (/tmp is one on some systems, and a command-line
    argument is the user's own choice); nothing below it is followed, so every entry accepted lies
    inside the root. A root that is a file is checked alone. Raises OSError when root does not exist.
    """
    root = Path(root)
    mode = os.stat(root).st_mode
    if not stat.S_ISDIR(mode):
        reason = _reason(mode)
        return [(root, reason)] if reason else []
    refused, folders = [], [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = folder / entry.name
                reason = _reason(entry.stat(follow_symlinks=False).st_mode)
                if reason:
                    refused.append((path, reason))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(path)
    return sorted(refused)


def _reason(mode):
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return _("lien symbolique refusé : mettez à sa place le fichier ou le dossier lui-même")
    return _("fichier spécial refusé (périphérique, tube ou socket) : seuls les fichiers ordinaires sont lus")
