"""Notebook exercises: the trainer's tests run on the learner's answers, each on its own side.

The exercise's `tests` hold the trainer's source notebook (`source.ipynb`, nbgrader's conventions,
exercises/notebooks.py) and its data files (`data/…`). The submission is one `.ipynb` file. The
notebook that runs is the source with the learner's answers put in (matched by grade_id): tests
always come from the source.

Two sandboxes, two uids (sandbox.start_pair): the learner's side (sandbox_files/notebook_learner.py)
holds the learner's Jupyter kernel and runs the answer cells and the trainer's provided cells; the
tests' side (sandbox_files/notebook_tests.py) runs the test cells, and their hidden part, in its
own process, reading the names they use from the kernel by copy (or as handles for the learner's
functions and objects). The test cells never enter the learner's sandbox; nothing the kernel does
can change how they run or what they report. Each graded cell is a line of the result, with its
points; hidden tests only say whether they passed (why they failed is kept for the trainer);
manual cells wait for a trainer.
"""

import ast
import dataclasses
import json
import math
import re
import time

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ... import notebooks, sandbox
from ...errors import explain_error
from ...notebooks import NotebookError
from ...results import Reason, Result, Status, TestResult
from ...sandbox import Limits, SandboxUnavailable
from ..common import materialise, unavailable

SOURCE = "source.ipynb"
PYTHON = "/sandbox/python/bin/python"
LEARNER_COMMAND = [PYTHON, "/sandbox/runner/notebook_learner.py", "--channel-fd", "{channel_fd}"]
TESTS_COMMAND = [PYTHON, "/sandbox/runner/notebook_tests.py", "--channel-fd", "{channel_fd}"]
ENV = {"PYTHONPATH": "/sandbox/runner"}
# IPython, pandas and matplotlib reserve far more address space than they use: the real memory
# is capped by the slot's cgroup (memory_limit), the address space only stops runaway reservations.
ADDRESS_SPACE_MIB = 4096
KERNEL_START_S = 15
TESTS_EXTRA_SECONDS = 10
TESTS_MEMORY_MIB = 768


def source_notebook(spec):
    return notebooks.read_notebook(spec.tests[SOURCE], name=SOURCE)


def data_files(spec):
    return {name: text for name, text in spec.tests.items() if name.startswith("data/")}


MAX_RUN_S = 600
SPARE_MAX_AGE_S = 15 * 60


def limits_for(spec=None, code_cells=None):
    """The learner's side's limits. Each cell has its time limit; the run as a whole is bounded too,
    kernel start included. A spare pair, started before its notebook is known, gets the largest
    bounds; its memory is set to the exercise's when the notebook arrives."""
    budget = MAX_RUN_S if spec is None else min(KERNEL_START_S + spec.time_limit * max(code_cells, 1), MAX_RUN_S)
    return Limits(
        cpu_seconds=budget,
        wall_seconds=budget + 5,
        memory_mib=max(spec.memory_limit if spec else 512, 512),
        address_space_mib=ADDRESS_SPACE_MIB,
        processes=64,
        open_files=256,
        disk_mib=64,
    )


def tests_limits_for(limits):
    """The tests' side runs trusted code only; it gets room to report whatever the learner's side does."""
    return dataclasses.replace(
        limits,
        cpu_seconds=limits.cpu_seconds + TESTS_EXTRA_SECONDS,
        wall_seconds=limits.wall_seconds + TESTS_EXTRA_SECONDS,
        memory_mib=max(limits.memory_mib, TESTS_MEMORY_MIB),
    )


# One spare pair per worker process: the learner's kernel already started, the tests' side's
# libraries imported, waiting for a notebook. Only in workers (prepare_if_used is called by the
# grading task): the web process keeps nothing running.
_spare = None
_used = False
_in_worker = False


def prepare_if_used():
    """After a notebook grading (in a worker, between tasks): make sure the next run's pair is starting."""
    global _in_worker
    _in_worker = True
    if _used:
        _ensure_spare()


def _ensure_spare():
    global _spare
    if _spare is not None and _spare.alive:
        return
    try:
        _spare = _start()
    except Exception:  # noqa: BLE001 - a spare is an optimisation: the next grading starts its own
        _spare = None


def _start():
    limits = limits_for()
    return sandbox.start_pair(
        TESTS_COMMAND, LEARNER_COMMAND, limits=limits, tests_limits=tests_limits_for(limits), env=ENV
    )


def _take():
    """A started pair: the spare if it is alive and recent, else a new one (None without bubblewrap)."""
    global _spare, _used
    _used = True
    spare, _spare = _spare, None
    if spare is not None and spare.alive and time.monotonic() - spare.created < SPARE_MAX_AGE_S:
        return spare
    if spare is not None:
        spare.discard()
    return _start()


def cell_plan(to_run, cell_roles, source=None):
    """What each code cell is for the run: the learner's answer, the trainer's provided code, or tests.

    An answer cell carries the imports of the trainer's own answer whose names the tests use: the
    tests' side runs them itself, so `np.testing.assert_allclose` in a test is this side's numpy
    even when only the answer imports numpy (the learner's kernel could have replaced it)."""
    plan = []
    for role, cell in zip(cell_roles, to_run.cells, strict=False):
        if cell.cell_type != "code":
            continue
        kind = {"solution": "answer", "manual": "answer", "test": "test"}.get(role.role, "teacher")
        hidden = (cell.get("metadata", {}).get("tremplin") or {}).get("hidden")
        plan.append({"index": role.index, "kind": kind, "source": cell.source, "hidden": hidden})
    if source is not None:
        used = set()
        for entry in plan:
            if entry["kind"] == "test":
                used.update(IDENTIFIER.findall(entry["source"] + "\n" + (entry["hidden"] or "")))
        for entry in plan:
            if entry["kind"] == "answer":
                entry["imports"] = library_imports(source.cells[entry["index"]].source, used)
    return plan


IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)


def library_imports(text, used):
    """The top-level import statements of a trainer's cell that bind a name in `used`, as source that
    ignores a module the tests' side lacks ("" if none, or if the cell is not plain Python)."""
    try:
        tree = ast.parse(MAGIC.sub(r"\1pass", text))
    except (SyntaxError, ValueError):
        return ""
    lines = []

    def visit(statements):
        for node in statements:
            if isinstance(node, ast.Import):
                aliases = [a for a in node.names if (a.asname or a.name.split(".")[0]) in used]
                if aliases:
                    lines.append(ast.unparse(ast.Import(names=aliases)))
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                aliases = [a for a in node.names if a.name != "*" and (a.asname or a.name) in used]
                if aliases:
                    lines.append(ast.unparse(ast.ImportFrom(module=node.module, names=aliases, level=0)))
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
                visit(getattr(node, "finalbody", []))

    visit(tree.body)
    return "".join(f"try:\n    {line}\nexcept ImportError:\n    pass\n" for line in lines)


def _execute(spec, to_run, cell_roles, code_cells, source=None):
    """Run the notebook on its two sides; returns a sandbox.PairRun."""
    limits = limits_for(spec, code_cells)
    payload = {
        "cells": cell_plan(to_run, cell_roles, source),
        "files": data_files(spec),
        "cell_timeout": spec.time_limit,
    }
    started = _take()
    if started is None:  # development without bubblewrap (SANDBOX_ALLOW_UNSAFE): no spare
        command = [
            *TESTS_COMMAND,
            "--input",
            "/tests/input.json",
            "--report-fd",
            "{report_fd}",
            "--nonce-fd",
            "{nonce_fd}",
        ]
        tests = {"input.json": json.dumps(payload, ensure_ascii=False)}
        with materialise({}) as work, materialise(tests) as tests_dir:
            return sandbox.run_pair(
                command,
                LEARNER_COMMAND,
                files_dir=work,
                tests_dir=tests_dir,
                limits=limits,
                tests_limits=tests_limits_for(limits),
                env=ENV,
            )
    payload.update(report_fd=started.tests_run.report_fd, nonce_fd=started.tests_run.nonce_fd)
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    if _in_worker:
        # The next pair starts while this notebook runs and the worker stores its result: with submissions
        # queued, a worker no longer waits for a kernel to start (about 0.5 s of waiting, not of CPU).
        _ensure_spare()
    return started.finish(data, limits=limits, tests_limits=tests_limits_for(limits))


def read_submission(submission):
    """The learner's notebook from {name: text or bytes}; NotebookError with a clear message otherwise."""
    names = [name for name in submission if name.endswith(".ipynb")]
    if not names:
        raise NotebookError([_("Aucun notebook reçu : envoyez un fichier .ipynb.")])
    if len(names) > 1:
        raise NotebookError([_("Envoyez un seul notebook (.ipynb) à la fois.")])
    return notebooks.read_notebook(submission[names[0]], name=names[0])


def grade(spec, submission, *, public_only=False, artefacts=False):
    """Grade a notebook. With `artefacts`, result.artefacts["document"] is the executed notebook:
    {"html": sanitised HTML whose pictures are "#nbimg-N", "images": [(mime type, base64)]} (courses.notebook_html)."""
    try:
        submitted = read_submission(dict(submission))
    except NotebookError as exc:
        return Result.error(Reason.REFUSED, "\n".join(exc.errors))
    try:
        source = source_notebook(spec)
        cell_roles = notebooks.roles(source)
    except (NotebookError, KeyError):
        return Result.error(Reason.REFUSED, _("Le notebook de l'exercice est invalide : prévenez votre formateur."))
    graded, missing = notebooks.notebook_to_grade(source, submitted)
    to_run = notebooks.notebook_to_run(graded, public_only=public_only)
    code_cells = sum(cell.cell_type == "code" for cell in to_run.cells)
    if code_cells:
        try:
            run = _diagnosis(_execute(spec, to_run, cell_roles, code_cells, source))
        except SandboxUnavailable as exc:
            return unavailable(exc)
    else:  # only written answers (nbgrader's own ps1/problem2.ipynb): nothing to run, all for the trainer
        run = sandbox.RunResult(exit_code=0, output="")
    cells = {r["index"]: r for r in run.records if r.get("event") == "cell" and isinstance(r.get("index"), int)}
    if not cells and code_cells:
        return _run_failure(run, spec)
    for index, record in cells.items():
        if 0 <= index < len(to_run.cells) and to_run.cells[index].cell_type == "code":
            to_run.cells[index].outputs = _outputs(record.get("outputs"))
            to_run.cells[index].execution_count = record.get("execution_count")
    starter = notebooks.learner_copy(source)
    results = []
    ordinals = {True: 0, False: 0}  # test cells, written answers: numbered for people
    for role in cell_roles:
        if role.role in ("test", "manual", "task"):
            record = cells.get(role.index, {})
            ordinals[role.role == "test"] += 1
            results.append(
                _cell_result(role, record, graded, starter, missing, spec, run, ordinals[role.role == "test"])
            )
    if public_only:
        results = [r for r in results if not r.manual]  # written answers are for the trainer, not « Vérifier »
    result = _total(results, run.duration_ms, public_only)
    # The cause is often in an answer cell (an error, an endless loop): say where, before the tests' messages.
    notes = []
    for role in cell_roles:
        record = cells.get(role.index, {})
        if role.role in ("solution", "locked", "text") and record.get("status") in ("error", "timeout", "dead"):
            notes.append(_answer_note(role, record, spec, run))
    if notes:
        result.message = "\n".join([result.message, *notes[:5]])
    if artefacts:
        from courses.notebook_html import render

        images = []
        result.artefacts["document"] = {"html": render(to_run, images=images), "images": images}
    return result


def _diagnosis(pair):
    """One run for the result: the tests' side's records and duration; the limits either side reached
    (the learner's kernel for time and memory, the tests' side if it ran out of room itself)."""
    learner, tests = pair.learner, pair.tests
    return dataclasses.replace(
        learner,
        records=tests.records,
        duration_ms=tests.duration_ms,
        timed_out=learner.timed_out or tests.timed_out,
        cpu_exceeded=learner.cpu_exceeded or tests.cpu_exceeded,
        output_exceeded=learner.output_exceeded or tests.output_exceeded,
        memory_exceeded=learner.memory_exceeded or tests.memory_exceeded,
        memory_limit_hit=learner.memory_limit_hit or tests.memory_limit_hit,
    )


def _answer_note(role, record, spec, run):
    number, status = role.index + 1, record["status"]
    if status == "timeout" and run.memory_limit_hit:
        return _memory_or_crash(run, number, spec)
    if status == "timeout":
        return _("Cellule %(n)s : temps dépassé (plus de %(s)s secondes). Une boucle ne s'arrête peut-être jamais.") % {
            "n": number,
            "s": spec.time_limit,
        }
    if status == "dead":
        return _memory_or_crash(run, number, spec)
    return _("Cellule %(n)s — %(error)s") % {"n": number, "error": _error_text(record)}


def _outputs(outputs):
    import nbformat

    kept = []
    for output in outputs or []:
        try:
            node = nbformat.from_dict(output)
            nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[node])]))
        except Exception:  # noqa: BLE001 - a malformed output is dropped, not rendered
            continue
        kept.append(node)
    return kept


def _label(role, source, number):
    """A graded cell's name for people: a test cell's first comment or docstring line (of its public
    part: a hidden test's comment stays hidden), else « Tests de la question N »; never the grade_id."""
    points = ngettext("%(n)s point", "%(n)s points", 1 if role.points == 1 else 2) % {"n": f"{role.points:g}"}
    if role.role == "test":
        title = _cell_title(notebooks.split_hidden(source)[0]) or _("Tests de la question %(n)s") % {"n": number}
        return _("%(title)s (%(points)s)") % {"title": title, "points": points}
    return _("Réponse rédigée n° %(n)s (%(points)s)") % {"n": number, "points": points}


def _cell_title(source):
    for line in source.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("#") and not text.startswith("##"):
            title = text.lstrip("#").strip()
        elif text.startswith(('"""', "'''")):
            title = text.strip("\"' ").strip()
        else:
            return ""
        if title:
            return title[:120]
    return ""


def _cell_result(role, record, graded, starter, missing, spec, run, ordinal):
    number = role.index + 1
    name = _label(role, graded.cells[role.index].source, ordinal)
    if role.role in ("manual", "task"):
        answer = graded.cells[role.index].source.strip()
        unchanged = role.role == "manual" and (
            role.grade_id in missing
            or answer == starter.cells[role.index].source.strip()
            or answer in notebooks.NBGRADER_STUBS
        )
        if unchanged:
            return _cell(
                name=name,
                status=Status.FAILED,
                message=_("Pas de réponse : la cellule n'a pas été modifiée."),
                points=role.points,
                earned=0.0,
                grade_id=role.grade_id,
                manual=True,
            )
        return _cell(
            name=name,
            status=Status.PENDING,
            message=_("Sera notée par votre formateur."),
            points=role.points,
            earned=0.0,
            grade_id=role.grade_id,
            manual=True,
        )
    status = record.get("status", "skipped")
    hidden = record.get("hidden")
    if status == "ok" and (hidden in (None, "ok") or _stderr(record).strip()):
        return _scored_cell(role, record, name)  # stderr in the public part: 0, said before any hidden test
    if status == "ok" and hidden == "error":
        message = _("Les tests publics passent, mais un test caché n'est pas réussi.")
        result = _cell(
            name=name, status=Status.FAILED, message=message, points=role.points, earned=0.0, grade_id=role.grade_id
        )
        if isinstance(record.get("hidden_error"), str):
            result.detail = record["hidden_error"][:2000]  # for the trainer and the author, never the learner
        return result
    elif status == "error":
        message = _("Cellule %(n)s — %(error)s") % {"n": number, "error": _error_text(record)}
    elif status == "timeout" and run.memory_limit_hit:
        message = _memory_or_crash(run, number, spec)
    elif status == "timeout":
        message = _(
            "Cellule %(n)s : temps dépassé (plus de %(s)s secondes). Une boucle ne s'arrête peut-être jamais."
        ) % {"n": number, "s": spec.time_limit}
    elif status == "dead":
        message = _memory_or_crash(run, number, spec)
    else:
        message = _skipped_text(record, run, spec)
    return _cell(
        name=name, status=Status.FAILED, message=message[:2000], points=role.points, earned=0.0, grade_id=role.grade_id
    )


def _scored_cell(role, record, name):
    """A test cell that ran without error, scored as nbgrader scores it: 0 if it wrote to stderr,
    the partial credit it returned as its last value (a number between 0 and its points), else
    all its points."""
    outputs = [o for o in record.get("outputs", []) if isinstance(o, dict)]
    stderr = _stderr(record)
    if stderr.strip():
        message = _("La cellule de tests a écrit sur la sortie d'erreur : elle compte 0 point (règle de nbgrader).")
        return _cell(
            name=name,
            status=Status.FAILED,
            message=(message + "\n" + stderr.strip()[-1500:])[:2000],
            points=role.points,
            earned=0.0,
            grade_id=role.grade_id,
        )
    for output in outputs:
        if output.get("output_type") != "execute_result":
            continue
        partial = _partial_credit(_text((output.get("data") or {}).get("text/plain")))
        if partial is not None and partial > role.points:
            # nbgrader stops on it (ValueError); here the cell scores 0 and says why.
            message = _(
                "La cellule de tests renvoie %(value)s, plus que ses %(points)s points : elle compte 0 point."
            ) % {"value": f"{partial:g}", "points": f"{role.points:g}"}
            return _cell(
                name=name, status=Status.FAILED, message=message, points=role.points, earned=0.0, grade_id=role.grade_id
            )
        if partial is not None and partial < role.points:
            message = _("Crédit partiel : %(earned)s / %(points)s points.") % {
                "earned": f"{partial:g}",
                "points": f"{role.points:g}",
            }
            return _cell(
                name=name,
                status=Status.FAILED,
                message=message,
                points=role.points,
                earned=partial,
                grade_id=role.grade_id,
            )
        break
    return _cell(name=name, status=Status.PASSED, points=role.points, earned=role.points, grade_id=role.grade_id)


def _stderr(record):
    outputs = [o for o in record.get("outputs", []) if isinstance(o, dict)]
    return "".join(
        _text(o.get("text")) for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"
    )


def _text(value):
    return "".join(value) if isinstance(value, list) else (value if isinstance(value, str) else "")


def _partial_credit(text):
    """nbgrader 0.9's partial credit (get_partial_grade): a single value of 0 or more that reads as
    a number; anything else (text, a negative number) is full credit, as nbgrader does."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if value >= 0 and math.isfinite(value) else None


def _error_text(record):
    ename, evalue = record.get("ename", ""), record.get("evalue", "")
    if ename == "AssertionError":
        return evalue or _("une vérification n'est pas satisfaite.")
    if ename == "MemoryError":
        return _("mémoire dépassée (MemoryError) : le calcul demande plus de mémoire que permis.")
    if ename == "NotImplementedError":
        return _("une cellule réponse n'est pas encore complétée (« raise NotImplementedError() »).")
    if ename == "BrokenPipeError":
        # The sandbox closes a cell's output when it floods: whichever of the two the kernel sees first
        # (the cut, or this error on the next print), the learner reads the same cause.
        return _(
            "votre code affiche beaucoup trop de texte : sa sortie a été coupée. Vérifiez vos boucles et vos print()."
        )
    explained = explain_error(ename, evalue)
    if ename == "NameError":
        explained += "\n" + _("Avez-vous complété la cellule qui le définit, au-dessus ?")
    return explained


def _memory_or_crash(run, number, spec):
    if run.output_exceeded:
        return _(
            "Cellule %(n)s : votre code affiche beaucoup trop de texte ; il a été arrêté, les cellules suivantes "
            "n'ont pas été exécutées. Vérifiez vos boucles et vos print()."
        ) % {"n": number}
    if run.memory_exceeded or run.memory_limit_hit:
        return _(
            "Cellule %(n)s : mémoire dépassée (plus de %(m)s Mio) ; le noyau Python a été arrêté, les cellules "
            "suivantes "
            "n'ont pas été exécutées."
        ) % {"n": number, "m": max(spec.memory_limit, 512)}
    return _(
        "Cellule %(n)s : le noyau Python s'est arrêté (plantage ou sortie forcée, par exemple os._exit) ; "
        "les cellules suivantes n'ont pas été exécutées."
    ) % {"n": number}


def _skipped_text(record, run, spec):
    if record.get("reason") == "timeout":
        return _("Non exécutée : deux cellules de suite ont dépassé le temps permis, l'exécution a été arrêtée.")
    if record.get("reason") == "dead" and isinstance(record.get("at"), int):
        return _("Non exécutée.") + " " + _memory_or_crash(run, record["at"] + 1, spec)
    failure = _run_failure(run, spec)
    return failure.message if failure.status == Status.ERROR else _("Non exécutée.")


def _run_failure(run, spec):
    if run.output_exceeded:
        return Result.error(
            Reason.OUTPUT,
            _("Votre notebook affiche beaucoup trop de texte : il a été arrêté. Vérifiez vos boucles et vos print()."),
            run.duration_ms,
        )
    if run.timed_out or run.cpu_exceeded:
        return Result.error(
            Reason.TIMEOUT, _("Temps dépassé : le notebook n'a pas fini dans le temps permis."), run.duration_ms
        )
    if run.memory_exceeded:
        return Result.error(
            Reason.MEMORY,
            _("Mémoire dépassée : votre notebook a utilisé plus de %(m)s Mio.") % {"m": max(spec.memory_limit, 512)},
            run.duration_ms,
        )
    return Result.error(
        Reason.CRASH,
        _("Le notebook n'a pas pu être exécuté (le noyau Python n'a pas démarré ou s'est arrêté)."),
        run.duration_ms,
    )


def _cell(*, name, status, message="", points=0.0, earned=0.0, grade_id="", manual=False):
    return TestResult(
        name=name, status=status, message=message, points=points, earned=earned, key=grade_id, manual=manual
    )


def _total(results, duration_ms, public_only):
    if not results:
        return Result.error(Reason.CRASH, _("Aucune cellule notée n'a pu être exécutée."), duration_ms)
    total = sum(r.points for r in results)
    earned = sum(r.earned for r in results)
    pending = sum(r.status == Status.PENDING for r in results)
    score = round(earned / total, 4) if total else float(all(r.status == Status.PASSED for r in results))
    status = Status.PASSED if not pending and all(r.status == Status.PASSED for r in results) else Status.FAILED
    if pending:
        message = ngettext(
            "Note provisoire : %(earned)s / %(total)s points. %(n)s réponse rédigée sera notée par votre formateur.",
            "Note provisoire : %(earned)s / %(total)s points. %(n)s réponses rédigées seront notées par votre "
            "formateur.",
            pending,
        ) % {"earned": f"{earned:g}", "total": f"{total:g}", "n": pending}
    elif status == Status.PASSED:
        message = _("Bravo, tous les tests sont réussis ! %(earned)s / %(total)s points.") % {
            "earned": f"{earned:g}",
            "total": f"{total:g}",
        }
    elif public_only:
        message = _("Certains tests publics ne sont pas réussis : lisez les messages et les sorties des cellules.")
    else:
        message = _("%(earned)s / %(total)s points : lisez les messages ci-dessous et les sorties des cellules.") % {
            "earned": f"{earned:g}",
            "total": f"{total:g}",
        }
    return Result(status=status, score=score, message=message, tests=results, duration_ms=duration_ms, pending=pending)
