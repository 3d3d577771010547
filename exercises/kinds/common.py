"""Helpers shared by the sandboxed graders."""

import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

from ..results import Reason, Result, Status, TestResult
from ..sandbox import Limits
from ..spec import safe_relative

MAX_SUBMISSION_BYTES = 1024 * 1024


class RefusedInput(Exception):
    pass


def check_submission(files, allowed_suffixes):
    """Refuse what cannot be graded: too big, odd names, not UTF-8 text, wrong type."""
    total = 0
    for name, content in files.items():
        if safe_relative(name) is None:
            raise RefusedInput(_("Nom de fichier refusé : %(name)s") % {"name": name[:80]})
        if not name.endswith(allowed_suffixes):
            raise RefusedInput(
                _("Type de fichier non accepté : %(name)s (attendu : %(types)s)")
                % {"name": name[:80], "types": ", ".join(allowed_suffixes)}
            )
        if isinstance(content, bytes):
            try:
                content = content.decode("utf-8")
            except UnicodeDecodeError:
                raise RefusedInput(_("Le fichier %(name)s n'est pas du texte UTF-8.") % {"name": name[:80]}) from None
            files[name] = content
        if "\x00" in content:
            raise RefusedInput(_("Le fichier %(name)s contient des caractères binaires.") % {"name": name[:80]})
        total += len(content.encode("utf-8"))
        if total > MAX_SUBMISSION_BYTES:
            raise RefusedInput(_("Votre travail dépasse 1 Mio : réduisez la taille des fichiers."))
    if not files:
        raise RefusedInput(_("Aucun fichier reçu."))
    return files


@contextmanager
def materialise(files):
    """Write {relative name: text} into a fresh temporary folder."""
    with tempfile.TemporaryDirectory(prefix="tremplin-files-") as name:
        root = Path(name)
        # Readable by the sandbox's unprivileged uid (mounted read-only there).
        root.chmod(0o755)
        for rel, content in files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
            target.write_text(content, encoding="utf-8")
            target.chmod(0o644)
        yield root


def limits_for(spec):
    return Limits(cpu_seconds=spec.time_limit, wall_seconds=spec.time_limit * 2 + 5, memory_mib=spec.memory_limit)


def run_failure(run, spec, *, require_end=True):
    """A Result for a run that did not finish normally, or None if it did.

    require_end=False for a learner's side of a pair (it has no reporter): only its limits count."""
    if run.output_exceeded:
        return Result.error(
            Reason.OUTPUT,
            _("Votre programme affiche beaucoup trop de texte : il a été arrêté. Vérifiez vos boucles et vos print()."),
            run.duration_ms,
        )
    # A run that reached its memory ceiling may stall (the kernel reclaiming pages) rather than be killed:
    # it is a memory problem, not an endless loop.
    if (run.timed_out or run.cpu_exceeded) and run.memory_limit_hit:
        return Result.error(
            Reason.MEMORY,
            _("Mémoire dépassée : votre programme a utilisé plus de %(m)s Mio.") % {"m": spec.memory_limit},
            run.duration_ms,
        )
    # CPU time used up: even when a test runner survived its child being killed (node --test).
    if run.timed_out or run.cpu_exceeded:
        return Result.error(
            Reason.TIMEOUT,
            _("Temps dépassé : votre programme a mis plus de %(s)s secondes. Une boucle ne s'arrête peut-être jamais.")
            % {"s": spec.time_limit},
            run.duration_ms,
        )
    if run.memory_exceeded or any("MemoryError" in (r.get("message") or "") for r in run.records):
        return Result.error(
            Reason.MEMORY,
            _("Mémoire dépassée : votre programme a utilisé plus de %(m)s Mio.") % {"m": spec.memory_limit},
            run.duration_ms,
        )
    if require_end and not run.finished:
        return Result.error(
            Reason.CRASH,
            _(
                "Votre programme s'est arrêté avant la fin des tests (sortie anticipée ou plantage) : il n'a pas pu "
                "être évalué."
            ),
            run.duration_ms,
        )
    return None


def unavailable(exc):
    return Result.error(
        Reason.REFUSED, _("La correction automatique est indisponible sur ce serveur : %(error)s") % {"error": exc}
    )


def humanize(test_name):
    name = test_name.split("::")[-1].split("[")[0]
    name = re.sub(r"^test_?", "", name).replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else test_name


def test_result(*, name, outcome, hidden, hidden_mounted, detail, key=""):
    """One test as the learner sees it. Hidden tests say only whether they passed; while hidden
    tests are mounted, public ones do not show text the learner's code controls either."""
    status = {"passed": Status.PASSED, "failed": Status.FAILED}.get(outcome, Status.ERROR)
    withheld = ""  # for trainers and authors only
    if status == Status.PASSED:
        message = ""
    elif hidden:
        message, withheld = _("Test caché : non réussi."), detail()
    elif hidden_mounted:
        message, withheld = _("Non réussi. « Vérifier » montre le détail de ce test public."), detail()
    else:
        message = detail()
    return TestResult(name=name, status=status, message=message[:2000], hidden=hidden, key=key, detail=withheld[:2000])


def tests_result(results, duration_ms):
    return Result.from_tests(
        results,
        duration_ms,
        message_passed=_("Bravo, tous les tests sont réussis !"),
        message_failed=_("Certains tests ne sont pas réussis : lisez les messages ci-dessous."),
    )
