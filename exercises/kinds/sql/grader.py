"""SQL exercises: one read query, run with the reference query on a fresh SQLite database in the sandbox."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ... import sandbox
from ...results import Reason, Result, Status, TestResult
from ...sandbox import SandboxUnavailable
from ..common import RefusedInput, check_submission, limits_for, materialise, run_failure, unavailable

COMMAND = [
    "/sandbox/python/bin/python",
    "/sandbox/runner/sql_runner.py",
    "--report-fd",
    "{report_fd}",
    "--nonce-fd",
    "{nonce_fd}",
    "--schema",
    "/tests/schema.sql",
    "--query",
    "/work/query.sql",
    "--reference",
    "/reference/query.sql",
]


def _normalise(value):
    if isinstance(value, float):
        return round(value, 6)
    return value


def _rows(data):
    return [tuple(_normalise(v) for v in row) for row in data["rows"]]


def _show(row):
    return "(" + ", ".join("NULL" if v is None else repr(v) if isinstance(v, str) else str(v) for v in row) + ")"


def grade(spec, submission, *, public_only=False, artefacts=False):  # noqa: ARG001 - one signature for every kind
    try:
        files = check_submission(dict(submission), (".sql",))
    except RefusedInput as exc:
        return Result.error(Reason.REFUSED, str(exc))
    if len(files) != 1:
        return Result.error(Reason.REFUSED, _("Envoyez un seul fichier .sql contenant une seule requête."))
    query = next(iter(files.values()))
    if not query.strip():
        return Result.error(Reason.REFUSED, _("Votre fichier est vide : écrivez une requête SELECT."))
    try:
        with (
            materialise({"query.sql": query}) as work,
            materialise({"schema.sql": spec.tests["schema.sql"]}) as tests_dir,
            materialise({"query.sql": spec.solution["query.sql"]}) as reference,
        ):
            run = sandbox.run(
                COMMAND,
                files_dir=work,
                tests_dir=tests_dir,
                limits=limits_for(spec),
                extra_ro={"/reference": reference},
            )
    except SandboxUnavailable as exc:
        return unavailable(exc)
    failure = run_failure(run, spec)
    if failure:
        return failure
    by_role = {r["event"]: r for r in run.records if r.get("event") in ("learner", "reference")}
    learner, reference = by_role.get("learner"), by_role.get("reference")
    if reference is None or "error" in reference:
        return Result.error(
            Reason.CRASH,
            _("La requête de référence de cet exercice ne fonctionne pas : prévenez votre formateur."),
            run.duration_ms,
        )
    if learner is None:
        return Result.error(Reason.CRASH, _("Votre requête n'a pas pu être évaluée."), run.duration_ms)
    error = learner.get("error")
    if error == "refused":
        return Result.error(
            Reason.REFUSED,
            _(
                "Seule une requête de lecture (SELECT) est acceptée : pas de modification de la base, pas de PRAGMA ni "
                "d'ATTACH."
            ),
            run.duration_ms,
        )
    if error == "count":
        return Result.error(
            Reason.REFUSED, _("Écrivez une seule requête (une seule instruction SELECT)."), run.duration_ms
        )
    if error == "encoding":
        return Result.error(Reason.REFUSED, _("Votre fichier n'est pas du texte UTF-8."), run.duration_ms)
    if error:
        return Result.error(
            Reason.SYNTAX, _("Erreur SQL : %(error)s") % {"error": learner.get("message", "")[:300]}, run.duration_ms
        )
    return Result.from_tests(
        compare(
            learner,
            reference,
            ordered=spec.config.get("ordered", False),
            check_names=spec.config.get("check_column_names", False),
        ),
        run.duration_ms,
        message_passed=_("Bravo, votre requête donne exactement le résultat attendu !"),
        message_failed=_("Votre requête s'exécute mais son résultat n'est pas encore le bon."),
    )


def compare(learner, reference, *, ordered, check_names):
    tests = [TestResult(name=_("La requête s'exécute"), status=Status.PASSED)]
    columns_ok = len(learner["columns"]) == len(reference["columns"])
    if columns_ok and check_names:
        columns_ok = [c.lower() for c in learner["columns"]] == [c.lower() for c in reference["columns"]]
    tests.append(
        TestResult(
            name=_("Les colonnes sont les bonnes"),
            status=Status.PASSED if columns_ok else Status.FAILED,
            message=""
            if columns_ok
            else (
                _("Votre résultat a les colonnes %(names)s ; il faut les colonnes %(expected)s.")
                % {"names": ", ".join(learner["columns"]), "expected": ", ".join(reference["columns"])}
                if check_names
                else _("Votre résultat a %(got)s colonne(s) (%(names)s) ; il en faut %(want)s.")
                % {
                    "got": len(learner["columns"]),
                    "names": ", ".join(learner["columns"]),
                    "want": len(reference["columns"]),
                }
            ),
        )
    )
    got, want = _rows(learner), _rows(reference)
    missing = Counter(want) - Counter(got)
    extra = Counter(got) - Counter(want)
    if not missing and not extra:
        tests.append(TestResult(name=_("Les lignes sont les bonnes"), status=Status.PASSED))
    else:
        parts = [
            _("Votre requête renvoie %(got)s ligne(s), il en faut %(want)s.") % {"got": len(got), "want": len(want)}
        ]
        if missing:
            n = sum(missing.values())
            parts.append(ngettext("Il manque %(n)s ligne.", "Il manque %(n)s lignes.", n) % {"n": n})
        if extra:
            n = sum(extra.values())
            parts.append(
                ngettext("%(n)s ligne en trop, par exemple %(row)s.", "%(n)s lignes en trop, par exemple %(row)s.", n)
                % {"n": n, "row": _show(next(iter(extra)))}
            )
        tests.append(TestResult(name=_("Les lignes sont les bonnes"), status=Status.FAILED, message=" ".join(parts)))
    if ordered:
        in_order = got == want
        tests.append(
            TestResult(
                name=_("Les lignes sont dans le bon ordre"),
                status=Status.PASSED if in_order else Status.FAILED,
                message="" if in_order else _("Vérifiez votre ORDER BY."),
            )
        )
    return tests
