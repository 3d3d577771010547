"""Course packages as zip files, for the browser: checked before anything is unpacked, unpacked with
limits, and written back by the export.

A zip sent from a browser is someone else's file on the server's disk. Its directory is checked
first (`archive_problems`): no path leaving the package (`../`, `/etc/…`, `C:`), no link or special
file, no encrypted member, a bounded number of entries and of bytes once unpacked, no member that
grows out of proportion (a zip bomb). `unpack_archive` checks again and counts the bytes it really
writes, since a zip's directory may lie. Every refusal is a French sentence naming the file as it is
in the zip, as the package's other errors do.
"""

import io
import os
import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .package_files import mode_refusal
from .packages import PackageError

MAX_ZIP_BYTES = 20 * 1024 * 1024  # the upload itself
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # the demo courses weigh 1 MiB at most
MAX_ENTRIES = 2000  # files and folders; the largest demo course has 151 files
MAX_RATIO = 100  # text compresses 3 to 10 times; a zip bomb, thousands of times
RATIO_FROM_BYTES = 1024 * 1024  # a small file may compress a lot without harm
# What archivers add beside the package, skipped without a word.
IGNORED = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)")
DRIVE = re.compile(r"^[A-Za-z]:")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CHUNK = 64 * 1024


def archive_problems(file):
    """Why this zip (a file object) may not be imported, as French sentences; [] if it may. Unpacks nothing."""
    try:
        with zipfile.ZipFile(file) as archive:
            return _problems(archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return [_("Ce fichier n’est pas un zip lisible : envoyez le dossier du cours compressé au format .zip.")]
    finally:
        file.seek(0)


def unpack_archive(file, root):
    """Unpack a zip into the empty folder root; raises PackageError (French, paths as in the zip).

    Only folders and regular files are written, with private permissions and never through an entry
    already there; the bytes really written are counted against the limit."""
    root = Path(root)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise PackageError(
            [_("Ce fichier n’est pas un zip lisible : envoyez le dossier du cours compressé au format .zip.")]
        ) from None
    with archive:
        infos = archive.infolist()
        problems = _problems(infos)
        if problems:
            raise PackageError(problems)
        written = 0
        for info in infos:
            if IGNORED.search(info.filename):
                continue
            target = root.joinpath(*PurePosixPath(info.filename).parts)
            try:
                if info.is_dir():
                    target.mkdir(mode=0o700, parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                with archive.open(info) as source, os.fdopen(descriptor, "wb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > MAX_UNPACKED_BYTES:
                            raise PackageError([_too_large()])
                        out.write(chunk)
            except PackageError:
                raise
            except FileExistsError:
                raise PackageError(
                    [f"{info.filename}:1: " + _("présent deux fois dans le zip (un fichier et un dossier de ce nom ?)")]
                ) from None
            except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, RuntimeError):
                raise PackageError(
                    [
                        f"{info.filename}:1: "
                        + _(
                            "fichier abîmé, ou compressé d’une façon que Tremplin ne sait pas lire : "
                            "refaites le zip avec l’outil de compression habituel"
                        )
                    ]
                ) from None


def package_zip(folder):
    """The zip (bytes) of a package folder, its paths starting with the folder's name (`mon-cours/course.toml`)."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder.parent).as_posix())
    return buffer.getvalue()


def _too_large():
    return _(
        "Une fois décompressé, le zip dépasserait %(max)s : allégez le cours (images, données) ou coupez-le en "
        "plusieurs cours."
    ) % {"max": filesizeformat(MAX_UNPACKED_BYTES)}


def _member_problem(info):
    name = info.filename
    parts = name.rstrip("/").split("/")
    if "\\" in name:
        return _("nom avec « \\ » : refaites le zip avec un outil qui sépare les dossiers par « / »")
    if CONTROL.search(name):
        return _("nom avec un caractère invisible (caractère de contrôle)")
    if name.startswith("/") or DRIVE.match(name):
        return _("chemin absolu refusé : le zip ne doit contenir que le dossier du cours")
    if ".." in parts:
        return _("chemin qui sort du dossier du cours (« .. ») refusé")
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode):  # made on Unix: the entry's type is known
        refusal = mode_refusal(mode)
        if refusal:
            return refusal
    if info.flag_bits & 0x1:
        return _("fichier chiffré (protégé par un mot de passe) refusé")
    if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return _("ce fichier grossirait %(ratio)s fois une fois décompressé : refusé (bombe zip ?)") % {
            "ratio": info.file_size // max(info.compress_size, 1)
        }
    return None


def _problems(infos):
    members = [info for info in infos if not IGNORED.search(info.filename)]
    if len(infos) > MAX_ENTRIES:
        return [
            _("Le zip contient %(n)s fichiers et dossiers : %(max)s au plus.") % {"n": len(infos), "max": MAX_ENTRIES}
        ]
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        return [_too_large()]
    errors, seen = [], set()
    for info in members:
        problem = _member_problem(info)
        if problem is None and info.filename.rstrip("/") in seen:
            problem = _("présent deux fois dans le zip")
        seen.add(info.filename.rstrip("/"))
        if problem:
            errors.append(f"{info.filename}:1: {problem}")
    if errors:
        return errors
    names = [PurePosixPath(info.filename).parts for info in members if not info.is_dir()]
    if not any(len(parts) == 2 and parts[1] == "course.toml" for parts in names):
        if ("course.toml",) in names:
            return [
                _(
                    "course.toml est à la racine du zip : compressez le dossier du cours lui-même (son nom est "
                    "l’adresse courte du cours), pas seulement ce qu’il contient."
                )
            ]
        return [
            _(
                "Le zip ne contient aucun cours : il doit contenir le dossier du cours et son fichier course.toml "
                "(« mon-cours/course.toml »)."
            )
        ]
    return []
