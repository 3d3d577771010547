"""A positioning test: « par où commencer ? ». A short test mixing « je sais… » questions and small
simulated tasks (a message or a page to react to), scored per area, and recommendation rules that say
where to start (a course, or one of its modules). The test is data: positioning.toml in a package
folder, read and checked here (file:line errors), imported by `manage.py import_positioning` and by
`make run`."""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses import selectors as courses_selectors
from courses.package_files import toml_problem

from .models import PositioningTest

KINDS = ("can", "choice", "task")
SCREENS = ("sms", "mail", "site")
# A « je sais… » question's answers and their points (out of 2).
CAN = (
    ("2", gettext_lazy("Oui, facilement")),
    ("1", gettext_lazy("Oui, avec de l’aide")),
    ("0", gettext_lazy("Pas encore")),
)
UNKNOWN = "?"  # « Je ne sais pas »: offered with every task, never a penalty beyond no points
# Levels by share of the points of an area.
LEVELS = ((0.34, gettext_lazy("À découvrir")), (0.75, gettext_lazy("En cours")), (1.01, gettext_lazy("À l’aise")))


class PositioningError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _line(text, needle, after=""):
    """The first line with `needle`, from the first line with `after` (the table it is in) if given."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if after in line), 0) if after else 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if needle and needle in line:
            return number
    return 1


def read_positioning(folder):
    """The test of a folder's positioning.toml, checked; PositioningError with `path:line: message`."""
    path = Path(folder) / "positioning.toml"
    if not path.is_file():
        raise PositioningError([f"{path}:1: " + _("fichier positioning.toml manquant")])
    spec = read_text(path.read_text(encoding="utf-8", errors="replace"), path)
    spec["slug"] = Path(folder).resolve().name
    return spec


def read_text(text, path="positioning.toml"):
    """A positioning.toml text, checked (the same errors, `path:line: message`)."""
    try:
        spec = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_problem(exc, text)
        raise PositioningError([f"{path}:{line}: {message}"]) from exc
    errors = []

    def problem(message, needle="", after=""):
        errors.append(f"{path}:{_line(text, needle, after)}: {message}")

    for key in ("title", "intro"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            problem(_("« %(key)s » manque (un texte)") % {"key": key}, key)
    areas = spec.get("areas")
    if not isinstance(areas, list) or not areas or not all(isinstance(a, dict) for a in areas):
        problem(_("aucun domaine ([[areas]] avec « id » et « title »)"), "areas")
        raise PositioningError(errors)
    area_ids = [a.get("id") for a in areas]
    for area in areas:
        if not isinstance(area.get("id"), str) or not isinstance(area.get("title"), str):
            problem(_("[[areas]] : « id » et « title » sont demandés"), "areas")
    questions = spec.get("questions")
    if not isinstance(questions, list) or not questions or not all(isinstance(q, dict) for q in questions):
        problem(_("aucune question ([[questions]])"), "questions")
        raise PositioningError(errors)
    seen = set()
    for number, question in enumerate(questions, start=1):
        _check_question(question, number, area_ids, seen, problem)
    for area in area_ids:
        if not any(q.get("area") == area for q in questions):
            problem(_("le domaine « %(area)s » n'a aucune question") % {"area": area}, f'"{area}"')
    for number, rule in enumerate(spec.get("rules", []), start=1):
        _check_rule(rule, number, area_ids, problem)
    if not spec.get("rules"):
        problem(_("aucune règle de recommandation ([[rules]])"), "rules")
    if errors:
        raise PositioningError(errors)
    return spec


def _check_question(question, number, area_ids, seen, problem):
    ident, kind = question.get("id"), question.get("kind")
    where = f'"{ident}"' if ident else "questions"
    if not isinstance(ident, str) or not ident or ident in seen:
        problem(_("question n° %(n)s : « id » manque ou est en double") % {"n": number}, where)
    seen.add(ident)
    if kind not in KINDS:
        problem(_("question « %(id)s » : « kind » vaut %(kinds)s") % {"id": ident, "kinds": ", ".join(KINDS)}, where)
    if not isinstance(question.get("text"), str) or not question["text"].strip():
        problem(_("question « %(id)s » : « text » manque") % {"id": ident}, where)
    if question.get("area") not in area_ids:
        problem(
            _("question « %(id)s » : domaine inconnu « %(area)s »") % {"id": ident, "area": question.get("area")}, where
        )
    if kind in ("choice", "task"):
        choices = question.get("choices")
        if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, str) for c in choices):
            problem(_("question « %(id)s » : « choices » est une liste d'au moins 2 réponses") % {"id": ident}, where)
        elif not isinstance(question.get("answer"), int) or not 0 <= question["answer"] < len(choices):
            problem(
                _("question « %(id)s » : « answer » est le numéro de la bonne réponse, à partir de 0") % {"id": ident},
                "answer",
                after=where,
            )
    if kind == "task":
        screen = question.get("screen")
        if not isinstance(screen, dict) or screen.get("kind") not in SCREENS or not isinstance(screen.get("text"), str):
            problem(
                _("question « %(id)s » : [questions.screen] a « kind » (%(kinds)s) et « text »")
                % {"id": ident, "kinds": ", ".join(SCREENS)},
                where,
            )


def _check_rule(rule, number, area_ids, problem):
    if not isinstance(rule, dict):
        problem(_("règle n° %(n)s : une table [[rules]] est attendue") % {"n": number}, "rules")
        return
    if rule.get("area") not in area_ids:
        problem(_("règle n° %(n)s : domaine inconnu « %(area)s »") % {"n": number, "area": rule.get("area")}, "rules")
    if not isinstance(rule.get("text"), str) or not isinstance(rule.get("course"), str):
        problem(_("règle n° %(n)s : « text » et « course » sont demandés") % {"n": number}, "rules")
    for key in ("below", "from"):
        if key in rule and not (isinstance(rule[key], int | float) and 0 <= rule[key] <= 1):
            problem(_("règle n° %(n)s : « %(key)s » est une part entre 0 et 1") % {"n": number, "key": key}, key)


def check_courses(spec, path="positioning.toml"):
    """The rules' courses and modules must exist (import the courses first)."""
    known = courses_selectors.module_slugs({rule["course"] for rule in spec["rules"]})
    errors = []
    for rule in spec["rules"]:
        if rule["course"] not in known:
            errors.append(
                f"{path}: " + _("cours inconnu « %(c)s » (importez d'abord les cours)") % {"c": rule["course"]}
            )
        elif rule.get("module") and rule["module"] not in known[rule["course"]]:
            errors.append(
                f"{path}: "
                + _("module inconnu « %(m)s » dans le cours « %(c)s »") % {"m": rule["module"], "c": rule["course"]}
            )
    if errors:
        raise PositioningError(errors)


def import_positioning(folder):
    """Read and store (or update) a folder's test, for everyone; its courses and modules must exist."""
    spec = read_positioning(folder)
    check_courses(spec, f"{folder}/positioning.toml")
    source = (Path(folder) / "positioning.toml").read_text(encoding="utf-8")
    with transaction.atomic():
        test, _created = PositioningTest.objects.update_or_create(
            slug=spec["slug"], defaults={"title": spec["title"], "spec": spec, "source": source}
        )
    return test


# ---------------------------------------------------------------- taking the test


def points(question, answer):
    """(points earned, points possible) for one answer."""
    if question["kind"] == "can":
        return (int(answer), 2) if answer in ("0", "1", "2") else (0, 2)
    return (2 if answer == str(question["answer"]) else 0), 2


def levels(spec, answers):
    """{area id: share of its points} for a set of answers {question id: answer}."""
    earned, possible = {}, {}
    for question in spec["questions"]:
        got, out_of = points(question, answers.get(question["id"]))
        earned[question["area"]] = earned.get(question["area"], 0) + got
        possible[question["area"]] = possible.get(question["area"], 0) + out_of
    return {area["id"]: round(earned.get(area["id"], 0) / possible[area["id"]], 2) for area in spec["areas"]}


def recommendations(spec, shares):
    """The rules that apply, in the order of the areas then of the rules: [{area, text, course, module}]."""
    chosen = []
    for area in spec["areas"]:
        share = shares.get(area["id"], 0)
        for rule in spec["rules"]:
            if rule["area"] == area["id"] and rule.get("from", 0) <= share < rule.get("below", 1.01):
                chosen.append({k: rule.get(k, "") for k in ("area", "text", "course", "module")})
                break
    return chosen


def level_name(share):
    return next(str(name) for bound, name in LEVELS if share < bound)
