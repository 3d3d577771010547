"""Quizzes, graded in the web process (no learner code runs): single and multiple choice,
true/false, short answer (accents and case ignored, or a regular expression), numeric with
a tolerance, and matching."""

import re
import tomllib
import unicodedata
from pathlib import Path

from django.utils.translation import gettext as _

from courses.package_files import toml_problem

from ...results import Reason, Result, Status, TestResult

TYPES = ("single", "multiple", "truefalse", "short", "numeric", "matching")


def fold(text):
    """Case, accents, spaces, hyphens and apostrophes do not count: "France-Connect" = "franceconnect"."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s\-'.’]+", "", text.lower())


def read_quiz(folder):
    """Questions from quiz.toml (or a .gift file, converted by exercises.gift)."""
    from ...spec import ExerciseError

    folder = Path(folder)
    path = folder / "quiz.toml"
    gift = sorted(folder.glob("*.gift"))
    if not path.is_file() and gift:
        from .gift import GiftError, parse_gift

        try:
            return parse_gift(gift[0].read_text(encoding="utf-8"))
        except GiftError as exc:
            raise ExerciseError([f"{gift[0]}:{exc.line}: {exc.message}"]) from exc
    if not path.is_file():
        raise ExerciseError([f"{path}:1: " + _("fichier quiz.toml (ou .gift) manquant")])
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_problem(exc, text)
        raise ExerciseError([f"{path}:{line}: {message}"]) from exc
    errors = []
    questions = data.get("questions", [])
    if not isinstance(questions, list) or not questions:
        errors.append(f"{path}:1: " + _("aucune question ([[questions]])"))
        questions = []
    checked = []
    for number, question in enumerate(questions, start=1):
        problem = validate_question(question)
        if problem:
            errors.append(f"{path}:1: " + _("question %(n)s : %(problem)s") % {"n": number, "problem": problem})
        else:
            checked.append(question)
    if errors:
        raise ExerciseError(errors)
    return checked


def validate_question(q):
    """A learner-facing problem with one question's definition, or None."""
    if not isinstance(q, dict) or q.get("type") not in TYPES:
        return _("« type » doit valoir l'un de : %(types)s") % {"types": ", ".join(TYPES)}
    if not isinstance(q.get("text"), str) or not q["text"].strip():
        return _("le texte de la question est obligatoire")
    kind = q["type"]
    if kind in ("single", "multiple"):
        choices = q.get("choices")
        if (
            not isinstance(choices, list)
            or len(choices) < 2
            or not all(isinstance(c, dict) and isinstance(c.get("text"), str) for c in choices)
        ):
            return _("au moins deux choix (« choices ») avec un texte")
        correct = sum(bool(c.get("correct")) for c in choices)
        if correct == 0 or (kind == "single" and correct != 1):
            return _("une seule bonne réponse pour « single », au moins une pour « multiple »")
    elif kind == "truefalse":
        if not isinstance(q.get("answer"), bool):
            return _("« answer » doit valoir true ou false")
    elif kind == "short":
        answers, pattern = q.get("answers"), q.get("regex")
        if not answers and not pattern:
            return _("« answers » (liste) ou « regex » est obligatoire")
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                return _("expression régulière invalide : %(e)s") % {"e": exc}
    elif kind == "numeric":
        if not isinstance(q.get("answer"), (int, float)) or isinstance(q.get("answer"), bool):
            return _("« answer » doit être un nombre")
    elif kind == "matching":
        pairs = q.get("pairs")
        if (
            not isinstance(pairs, list)
            or len(pairs) < 2
            or not all(isinstance(p, dict) and p.get("left") and p.get("right") for p in pairs)
        ):
            return _("au moins deux paires (« pairs ») avec « left » et « right »")
    return None


def parse_number(text):
    try:
        return float(str(text).strip().replace(",", ".").replace(" ", "").replace("\u202f", ""))
    except ValueError:
        return None


def check(question, answer):
    """(correct, feedback) for one answer."""
    kind = question["type"]
    feedback = question.get("feedback", "")
    if kind == "single":
        try:
            choice = question["choices"][int(answer)]
        except (TypeError, ValueError, IndexError):
            return False, _("Aucune réponse choisie.")
        return bool(choice.get("correct")), choice.get("feedback") or feedback
    if kind == "multiple":
        chosen = {int(a) for a in (answer or []) if str(a).isdigit()}
        expected = {i for i, c in enumerate(question["choices"]) if c.get("correct")}
        notes = [question["choices"][i].get("feedback") for i in sorted(chosen) if i < len(question["choices"])]
        return chosen == expected, " ".join(n for n in notes if n) or feedback
    if kind == "truefalse":
        if answer not in ("true", "false"):
            return False, _("Aucune réponse choisie.")
        return (answer == "true") == question["answer"], feedback
    if kind == "short":
        text = str(answer or "")
        if question.get("regex"):
            ok = re.fullmatch(question["regex"], text.strip(), re.IGNORECASE) is not None
        else:
            ok = fold(text) in {fold(a) for a in question.get("answers", [])}
        return ok, feedback
    if kind == "numeric":
        value = parse_number(answer)
        if value is None:
            return False, _("Écrivez un nombre, par exemple 12 ou 3,5.")
        return abs(value - float(question["answer"])) <= float(question.get("tolerance", 0)), feedback
    if kind == "matching":
        given = answer if isinstance(answer, dict) else {}
        pairs = question["pairs"]
        ok = all(str(given.get(str(i), "")) == str(i) for i in range(len(pairs)))
        return ok, feedback
    return False, ""


def _choice_texts(question, indexes):
    choices = question.get("choices", [])
    return ", ".join(choices[i]["text"] for i in indexes if 0 <= i < len(choices))


def answer_texts(question, answer):
    """(the learner's answer, the right one) in words, for the feedback; "" when there is none to show."""
    kind = question["type"]
    if kind == "single":
        given = [int(answer)] if str(answer).isdigit() else []
        right = [i for i, c in enumerate(question["choices"]) if c.get("correct")]
        return _choice_texts(question, given), _choice_texts(question, right)
    if kind == "multiple":
        given = sorted(int(a) for a in (answer or []) if str(a).isdigit())
        right = [i for i, c in enumerate(question["choices"]) if c.get("correct")]
        return _choice_texts(question, given), _choice_texts(question, right)
    if kind == "truefalse":
        words = {"true": _("Vrai"), "false": _("Faux")}
        return words.get(answer, ""), words["true" if question["answer"] else "false"]
    if kind == "short":
        return str(answer or "").strip(), "" if question.get("regex") else (question.get("answers") or [""])[0]
    if kind == "numeric":
        tolerance = float(question.get("tolerance", 0))
        right = f"{float(question['answer']):g}" + (f" (± {tolerance:g})" if tolerance else "")
        return str(answer or "").strip(), right
    if kind == "matching":
        pairs, given = question["pairs"], answer if isinstance(answer, dict) else {}
        chosen = [
            f"{pair['left']} → {pairs[int(given[str(i)])]['right']}"
            for i, pair in enumerate(pairs)
            if str(given.get(str(i), "")).isdigit() and int(given[str(i)]) < len(pairs)
        ]
        return "; ".join(chosen), "; ".join(f"{pair['left']} → {pair['right']}" for pair in pairs)
    return "", ""


def unanswered(questions, answers):
    """The numbers (from 1) of the questions left without an answer."""
    missing = []
    for index, _question in enumerate(questions):
        answer = answers.get(f"q{index}")
        empty = (
            not answer
            or (isinstance(answer, dict) and not any(answer.values()))
            or (isinstance(answer, str) and not answer.strip())
        )
        if empty:
            missing.append(index + 1)
    return missing


def grade(spec, submission, *, public_only=False, artefacts=False):  # noqa: ARG001 - one signature for every kind
    questions = spec.config.get("questions", [])
    if not isinstance(submission, dict):
        return Result.error(Reason.REFUSED, _("Réponses illisibles."))
    tests, earned, total = [], 0.0, 0.0
    for index, question in enumerate(questions):
        weight = float(question.get("points", 1))
        ok, feedback = check(question, submission.get(f"q{index}"))
        total += weight
        earned += weight if ok else 0
        given, right = answer_texts(question, submission.get(f"q{index}"))
        lines = [_("Votre réponse : %(a)s") % {"a": given} if given else _("Vous n'avez pas répondu.")]
        if not ok and right:
            lines.append(_("La bonne réponse : %(a)s") % {"a": right})
        if feedback:
            lines.append(feedback)
        tests.append(
            TestResult(
                name=_("%(n)s. %(question)s") % {"n": index + 1, "question": question.get("text", "")},
                status=Status.PASSED if ok else Status.FAILED,
                message="\n".join(lines),
            )
        )
    right_count = sum(t.status == Status.PASSED for t in tests)
    result = Result.from_tests(
        tests,
        0,
        message_passed=_("Bravo, toutes vos réponses sont justes !"),
        message_failed=(
            _(
                "Presque ! %(n)s bonnes réponses sur %(t)s : relisez les explications, puis recommencez si vous le "
                "pouvez."
            )
            if right_count * 2 >= len(tests)
            else _(
                "%(n)s bonne(s) réponse(s) sur %(t)s : relisez les explications sous chaque question, elles vous "
                "aideront."
            )
        )
        % {"n": right_count, "t": len(tests)},
    )
    result.score = round(earned / total, 4) if total else 0.0
    return result


def right_answers(questions):
    """The answers that score every question of a quiz, in the form's shape ({"q0": …}): for a
    trainer trying a quiz, and for the demo's history."""
    answers = {}
    for index, question in enumerate(questions):
        kind, key = question["type"], f"q{index}"
        if kind == "single":
            answers[key] = str(next(i for i, c in enumerate(question["choices"]) if c.get("correct")))
        elif kind == "multiple":
            answers[key] = [str(i) for i, c in enumerate(question["choices"]) if c.get("correct")]
        elif kind == "truefalse":
            answers[key] = "true" if question["answer"] else "false"
        elif kind == "short" and not question.get("regex"):
            answers[key] = (question.get("answers") or [""])[0]
        elif kind == "numeric":
            answers[key] = f"{float(question['answer']):g}"
        elif kind == "matching":
            answers[key] = {str(i): str(i) for i in range(len(question["pairs"]))}
    return answers
