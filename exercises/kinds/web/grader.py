"""Web exercises (kinds `html` and `dom`): the learner's HTML, CSS and JavaScript files checked
against the declarative checks of the exercise's `tests/checks.toml` (docs/exercise-format.md).

Structure, validity and accessibility checks parse the document without a browser. Style,
contrast, layout, axe and scenario checks run in headless Chromium inside the sandbox
(exercises/browser.py), in a fresh browser context per grading. A graded submission (not a
« Vérifier ») also gets screenshots at 375 and 1280 px, kept with it.
"""

import base64
import mimetypes
import re
import time
import tomllib
from pathlib import Path

from django.utils.translation import gettext as _

from courses.package_files import toml_problem

from ... import browser
from ...results import Reason, Result, Status, TestResult
from ...spec import ExerciseError
from ..common import RefusedInput, check_submission
from . import webstatic

SUFFIXES = (".html", ".css", ".js", ".svg", ".json", ".txt")
STATIC_TYPES = {"element", "valid", "accessible"}
BROWSER_TYPES = {"style", "contrast", "layout", "axe", "scenario"}
TYPES = STATIC_TYPES | BROWSER_TYPES
SCREENSHOT_WIDTHS = (375, 1280)
SCREENSHOT_MAX_HEIGHT = 2400
STEP_ACTIONS = ("click", "fill", "press", "check", "uncheck", "select", "hover", "wait")
CHECKS_JS = (Path(__file__).resolve().parents[2] / "sandbox_files" / "webchecks.js").read_text()

COMMON_KEYS = {"type", "name", "hint", "hidden", "file", "width"}
MATCH_KEYS = {"selector", "count", "min", "max", "absent", "attribute", "value", "pattern", "text", "contains", "all"}
KEYS = {
    "element": MATCH_KEYS | {"inside"},
    "valid": set(),
    "accessible": {"rules"},
    "axe": {"max_violations"},
    "style": {"selector", "property", "value", "values", "pattern", "min", "max", "all"},
    "contrast": {"selector", "min_ratio", "all"},
    "layout": {"selector", "visible", "in_viewport", "no_horizontal_scroll", "stacked", "side_by_side", "all"},
    "scenario": {"steps", "expect"},
}
EXPECT_KEYS = MATCH_KEYS | {"visible", "class", "field_value"}


# ---------------------------------------------------------------- reading checks.toml


def read_checks(text, path="tests/checks.toml"):
    """The checks of a checks.toml, validated; raises ExerciseError listing `path:line: message`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_problem(exc, text)
        raise ExerciseError([f"{path}:{line}: {message}"]) from exc
    checks = data.get("check", [])
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip().startswith("[[check]]")]
    errors = []
    if not isinstance(checks, list) or not checks:
        raise ExerciseError([f"{path}:1: " + _("aucune vérification : ajoutez des tables [[check]]")])
    for index, check in enumerate(checks):
        line = starts[index] if index < len(starts) else 1
        for message in _check_problems(check):
            errors.append(f"{path}:{line}: {message}")
    if errors:
        raise ExerciseError(errors)
    return checks


def _check_problems(check):
    kind = check.get("type")
    if kind not in TYPES:
        return [_("« type » doit valoir l'un de : %(types)s") % {"types": ", ".join(sorted(TYPES))}]
    problems = []
    if not isinstance(check.get("name"), str) or not check["name"].strip():
        problems.append(_("chaque vérification a un « name » (la phrase que lit l'apprenant)"))
    unknown = set(check) - COMMON_KEYS - KEYS[kind]
    if unknown:
        problems.append(
            _("clé inconnue pour le type %(type)s : %(keys)s") % {"type": kind, "keys": ", ".join(sorted(unknown))}
        )
    width = check.get("width", 1280)
    if not isinstance(width, int) or not 240 <= width <= 2560:
        problems.append(_("« width » doit être une largeur en pixels entre 240 et 2560"))
    needs_selector = kind in ("element", "style", "contrast") or (
        kind == "layout" and not check.get("no_horizontal_scroll")
    )
    problems += _selector_problems(check, required=needs_selector)
    if kind == "style" and not isinstance(check.get("property"), str):
        problems.append(_("une vérification « style » indique la propriété CSS (« property »)"))
    if kind == "style" and not any(key in check for key in ("value", "values", "pattern", "min", "max")):
        problems.append(_("une vérification « style » indique « value », « values », « pattern », « min » ou « max »"))
    if kind == "accessible":
        rules = check.get("rules", list(webstatic.A11Y_RULES))
        if not isinstance(rules, list) or set(rules) - set(webstatic.A11Y_RULES):
            problems.append(_("« rules » est une liste parmi : %(rules)s") % {"rules": ", ".join(webstatic.A11Y_RULES)})
    if kind == "scenario":
        steps, expect = check.get("steps", []), check.get("expect")
        if not isinstance(steps, list) or not all(
            isinstance(s, dict) and sum(a in s for a in STEP_ACTIONS) == 1 for s in steps
        ):
            problems.append(
                _("« steps » est une liste d'actions, une par table : %(actions)s")
                % {"actions": ", ".join(STEP_ACTIONS)}
            )
        else:
            for step in steps:
                target = next(step[a] for a in STEP_ACTIONS if a in step)
                if "wait" in step and (not isinstance(target, int) or not 0 <= target <= 2000):
                    problems.append(_("« wait » est une durée en millisecondes, 2000 au plus"))
                elif "wait" not in step and "press" not in step:
                    problems += _selector_problems({"selector": target}, required=True)
        if not isinstance(expect, list) or not expect or not all(isinstance(e, dict) for e in expect):
            problems.append(_("« expect » est une liste d'attentes (tables avec « selector »)"))
        else:
            for item in expect:
                unknown = set(item) - EXPECT_KEYS
                if unknown:
                    problems.append(_("clé inconnue dans « expect » : %(keys)s") % {"keys": ", ".join(sorted(unknown))})
                problems += _selector_problems(item, required=True)
                if "value" in item and "attribute" not in item:
                    problems.append(
                        _("« value » va avec « attribute » ; pour ce que contient un champ, écrivez « field_value »")
                    )
                if "pattern" in item:
                    try:
                        re.compile(item["pattern"])
                    except (re.error, TypeError):
                        problems.append(_("« pattern » n'est pas une expression régulière valide"))
    if "value" in check and "attribute" not in check and kind == "element":
        problems.append(_("« value » va avec « attribute » (la valeur d'un attribut)"))
    for key in ("pattern",):
        if key in check:
            try:
                re.compile(check[key])
            except (re.error, TypeError):
                problems.append(_("« pattern » n'est pas une expression régulière valide"))
    return problems


def _selector_problems(check, required):
    selector = check.get("selector")
    if selector is None:
        return [_("« selector » (un sélecteur CSS) est obligatoire ici")] if required else []
    if not isinstance(selector, str):
        return [_("« selector » doit être un texte")]
    try:
        webstatic.compile_selector(selector)
    except ValueError as exc:
        return [_("sélecteur CSS invalide « %(selector)s » : %(error)s") % {"selector": selector, "error": exc}]
    return []


def checks_of(spec, public_only=False):
    checks = read_checks(spec.tests.get("checks.toml", ""))
    return [c for c in checks if not (public_only and c.get("hidden"))]


def has_public_checks(spec):
    try:
        return bool(checks_of(spec, public_only=True))
    except ExerciseError:
        return False


# ---------------------------------------------------------------- grading


def page_files(spec, files):
    """What the page may load: the exercise's assets, then the learner's files."""
    served = {name: base64.b64decode(data) for name, data in spec.config.get("assets", {}).items()}
    served.update(files)
    return served


def grade(spec, submission, *, public_only=False, artefacts=False):
    """Grade a web submission. With `artefacts`, a graded submission (not « Vérifier ») also gets
    the page's screenshots at 375 and 1280 px: result.artefacts["screenshots"], [(width, PNG bytes)]."""
    started = time.monotonic()
    screenshots = [] if artefacts and not public_only else None
    try:
        files = check_submission(dict(submission), SUFFIXES)
    except RefusedInput as exc:
        return Result.error(Reason.REFUSED, str(exc))
    try:
        checks = checks_of(spec, public_only)
    except ExerciseError as exc:
        return Result.error(
            Reason.REFUSED, _("Les vérifications de cet exercice sont invalides : %(error)s") % {"error": exc.errors[0]}
        )
    if not checks:
        return Result.error(
            Reason.REFUSED, _("Cet exercice n'a pas de vérification publique : utilisez « Soumettre ».")
        )
    results = [None] * len(checks)
    documents = {}
    for index, check in enumerate(checks):
        if check["type"] in STATIC_TYPES:
            results[index] = _static(check, files, documents)
    browser_checks = [(i, c) for i, c in enumerate(checks) if c["type"] in BROWSER_TYPES]
    notes = []
    if browser_checks or screenshots is not None:
        try:
            notes = _in_browser(spec, files, browser_checks, results, screenshots)
        except browser.BrowserUnavailable as exc:
            return Result.error(
                Reason.REFUSED,
                _("La correction automatique est indisponible sur ce serveur : %(error)s") % {"error": exc},
            )
        except browser.PageTimeout as exc:
            if str(exc) == "dialogs":
                message = _("Votre page ouvre des fenêtres alert() ou confirm() sans fin : elle a été arrêtée.")
            else:
                message = _(
                    "Temps dépassé : votre page ne finit pas de se charger ou un script tourne sans fin (boucle "
                    "infinie ?)."
                )
            return Result.error(Reason.TIMEOUT, message, _ms(started))
        except browser.PageCrashed:
            return Result.error(
                Reason.MEMORY,
                _(
                    "Votre page a planté : elle utilise probablement trop de mémoire (boucle qui remplit un tableau, "
                    "image énorme…)."
                ),
                _ms(started),
            )
        except browser.PageLeft:
            return Result.error(
                Reason.CRASH,
                _(
                    "Votre page s'est rechargée ou a changé d'adresse pendant les vérifications (location.reload(), "
                    "une "
                    "redirection, un formulaire envoyé…) : elle n'a pas pu être vérifiée. Retirez ce qui la fait "
                    "recharger."
                ),
                _ms(started),
            )
    result = Result.from_tests(
        results,
        _ms(started),
        message_passed=_("Bravo, toutes les vérifications sont réussies !"),
        message_failed=_("Certaines vérifications ne sont pas réussies : lisez les messages ci-dessous."),
    )
    if notes:
        result.message = " ".join([result.message, *notes])
    if screenshots:
        result.artefacts["screenshots"] = screenshots
    return result


def _ms(started):
    return round((time.monotonic() - started) * 1000)


def _outcome(check, problem):
    hidden = bool(check.get("hidden"))
    if problem is None:
        return TestResult(name=check["name"], status=Status.PASSED, hidden=hidden)
    detail = ""
    if hidden:
        message = _("Vérification cachée : non réussie.")
        if check.get("hint"):
            message += " " + check["hint"]
        detail = problem  # for trainers and authors only
    else:
        message = "\n".join(part for part in (problem, check.get("hint", "")) if part)
    return TestResult(
        name=check["name"], status=Status.FAILED, message=message[:2000], hidden=hidden, detail=detail[:2000]
    )


def _static(check, files, documents):
    name = check.get("file", "index.html")
    if name not in files:
        return _outcome(check, _("Le fichier %(name)s est absent.") % {"name": name})
    try:
        with webstatic.time_limit():
            if name not in documents:
                try:
                    documents[name] = webstatic.Document(name, files[name])
                except (webstatic.TooComplex, webstatic.ParseTimeout, RecursionError) as exc:
                    documents[name] = exc  # the other checks of this file fail the same way, at once
            doc = documents[name]
            if isinstance(doc, Exception):
                raise doc
            if check["type"] == "element":
                problem = webstatic.element_problem(doc, check)
            elif check["type"] == "valid":
                problems = webstatic.validity_problems(doc)
                problem = webstatic.describe(problems) if problems else None
            else:
                problems = webstatic.accessibility_problems(doc, check.get("rules", webstatic.A11Y_RULES))
                problem = webstatic.describe(problems) if problems else None
    except webstatic.TooComplex as exc:
        problem = _(
            "Le document est trop gros ou trop imbriqué pour être analysé (%(tags)s balises, jusqu'à %(depth)s "
            "niveaux) : "
            "au plus %(max_tags)s balises, %(max_depth)s niveaux et %(kib)s Kio. Vérifiez que vos balises sont bien "
            "fermées."
        ) % {
            "tags": exc.tags,
            "depth": exc.depth,
            "max_tags": webstatic.MAX_TAGS,
            "max_depth": webstatic.MAX_DEPTH,
            "kib": webstatic.MAX_BYTES // 1024,
        }
    except (RecursionError, webstatic.ParseTimeout):
        problem = _(
            "Le document est trop complexe pour être analysé à temps. Vérifiez que vos balises sont bien fermées."
        )
    return _outcome(check, problem)


def _in_browser(spec, files, checks, results, screenshots):
    """Run the browser checks in one fresh context; fills `results`; returns notes for the learner."""
    served = page_files(spec, files)
    timeout = max(2, min(spec.time_limit, 15))

    def job(session):
        loaded = {}
        for index, check in checks:
            name = check.get("file", "index.html")
            if name not in served:
                results[index] = _outcome(check, _("Le fichier %(name)s est absent.") % {"name": name})
                continue
            session.page.set_viewport_size({"width": check.get("width", 1280), "height": 800})
            # A page is loaded again only after a scenario acted on it: every check sees it fresh.
            if loaded.get("name") != name or loaded.get("dirty"):
                session.load(name)
                loaded.update(name=name, dirty=False)
            results[index] = _outcome(check, _browser_problem(session, check))
            if check["type"] == "scenario" and check.get("steps"):
                loaded["dirty"] = True
            session.check()
        if screenshots is not None and "index.html" in served:
            if loaded.get("name") != "index.html" or loaded.get("dirty"):
                session.load("index.html")
            for width in SCREENSHOT_WIDTHS:
                session.page.set_viewport_size({"width": width, "height": 800})
                try:
                    height = min(session.evaluate("() => document.documentElement.scrollHeight"), SCREENSHOT_MAX_HEIGHT)
                    screenshots.append(
                        (
                            width,
                            session.page.screenshot(
                                type="png",
                                full_page=True,
                                clip={"x": 0, "y": 0, "width": width, "height": max(height, 200)},
                                animations="disabled",
                                caret="hide",
                            ),
                        )
                    )
                except Exception as exc:  # noqa: BLE001
                    session.raise_for(exc)
        notes = []
        if session.blocked:
            notes.append(
                _("Ressources bloquées (seuls les fichiers de l'exercice sont permis) : %(urls)s")
                % {"urls": ", ".join(session.blocked[:3])}
            )
        if session.errors:
            notes.append(_("Erreur JavaScript dans la page : %(error)s") % {"error": session.errors[0]})
        return notes

    return browser.run(job, served, timeout_s=timeout)


def _browser_problem(session, check):
    kind = check["type"]
    try:
        if kind == "scenario":
            # A scenario's steps may follow the exercise's own links: its expectations read the new page.
            session.navigation_allowed = bool(check.get("steps"))
            try:
                return _scenario(session, check)
            finally:
                session.navigation_allowed = False
        if kind == "axe":
            return _axe(session, check)
        found = session.evaluate(CHECKS_JS, check)
    except (browser.PageTimeout, browser.PageCrashed, browser.PageLeft):
        raise
    except Exception as exc:  # noqa: BLE001
        session.raise_for(exc)
    return _judge(check, found)


def _judge(check, found):
    selector = check.get("selector", "")
    code = found.get("code")
    width = check.get("width", 1280)
    if code == "scroll":
        return _("À %(width)s px, la page défile horizontalement (%(got)s px de large ; en cause : %(element)s).") % {
            "width": width,
            "got": found["width"],
            "element": found.get("element") or "?",
        }
    if code == "missing":
        return _("Aucun élément ne correspond à « %(selector)s ».") % {"selector": selector}
    if code == "not-stacked":
        return _("À %(width)s px, les éléments « %(selector)s » ne sont pas les uns sous les autres (%(element)s).") % {
            "width": width,
            "selector": selector,
            "element": found["element"],
        }
    if code == "not-side":
        return _("À %(width)s px, les éléments « %(selector)s » ne sont pas côte à côte (%(element)s).") % {
            "width": width,
            "selector": selector,
            "element": found["element"],
        }
    if code in ("hidden", "shown", "outside"):
        messages = {
            "hidden": _("À %(width)s px, %(element)s n'est pas visible."),
            "shown": _("À %(width)s px, %(element)s devrait être caché."),
            "outside": _("À %(width)s px, %(element)s dépasse de l'écran."),
        }
        return messages[code] % {"width": width, "element": found["element"]}
    items = found.get("results", [])
    if check["type"] == "style":
        failures = [r for r in items if not _style_ok(check, r["value"])]
        if (check.get("all", True) and failures) or len(failures) == len(items):
            bad = failures[0]
            return _("À %(width)s px, %(property)s de %(element)s vaut « %(got)s », attendu %(expected)s.") % {
                "width": width,
                "property": check["property"],
                "element": bad["element"],
                "got": bad["value"],
                "expected": _expected_style(check),
            }
        return None
    failures = [r for r in items if r.get("ok") is False]
    if check["type"] == "layout" and failures and (check.get("all", True) or len(failures) == len(items)):
        return _judge(check, failures[0])
    if check["type"] == "contrast" and failures and (check.get("all", True) or len(failures) == len(items)):
        bad = failures[0]
        message = _("Contraste de %(element)s : %(ratio)s:1, il faut au moins %(needed)s:1.") % {
            "element": bad["element"],
            "ratio": bad["ratio"],
            "needed": bad["needed"],
        }
        if bad.get("image"):
            message += " " + _("(une image de fond n'est pas prise en compte : ajoutez une couleur de fond)")
        return message
    return None


def _number(value):
    match = re.match(r"^\s*(-?[\d.]+)", value or "")
    return float(match.group(1)) if match else None


def _style_ok(check, value):
    value = value.strip().lower()
    if "value" in check and value != str(check["value"]).strip().lower():
        return False
    if "values" in check and value not in [str(v).strip().lower() for v in check["values"]]:
        return False
    if "pattern" in check and not re.search(check["pattern"], value):
        return False
    number = _number(value)
    if "min" in check and (number is None or number < check["min"]):
        return False
    return not ("max" in check and (number is None or number > check["max"]))


def _expected_style(check):
    if "value" in check:
        return f"« {check['value']} »"
    if "values" in check:
        return _("l'une de ces valeurs : %(values)s") % {"values": ", ".join(map(str, check["values"]))}
    bounds = []
    if "min" in check:
        bounds.append(_("au moins %(n)s") % {"n": check["min"]})
    if "max" in check:
        bounds.append(_("au plus %(n)s") % {"n": check["max"]})
    if "pattern" in check and not bounds:
        return _("une valeur de la forme « %(pattern)s »") % {"pattern": check["pattern"]}
    return " ".join(bounds) or _("une autre valeur")


def _axe(session, check):
    """axe-core in the checks' isolated world: a page that defines or traps window.axe reaches another world."""
    session.load_axe()
    report = session.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"]})).violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.length}))""",
        timeout_ms=10_000,
    )
    allowed = check.get("max_violations", 0)
    if len(report) <= allowed:
        return None
    listed = "; ".join(f"{v['id']} ({v['help']}, ×{v['nodes']})" for v in report[:5])
    return _("%(n)s problème(s) d'accessibilité détecté(s) par axe-core (au plus %(allowed)s permis) : %(list)s") % {
        "n": len(report),
        "allowed": allowed,
        "list": listed,
    }


def _scenario(session, check):
    page = session.page
    for step in check.get("steps", []):
        action = next(a for a in STEP_ACTIONS if a in step)
        target = step[action]
        try:
            if action == "wait":
                page.wait_for_timeout(target)
            elif action == "press":
                if step.get("selector"):
                    page.locator(step["selector"]).first.press(target)
                else:
                    page.keyboard.press(target)
            else:
                locator = page.locator(target).first
                if action == "click":
                    locator.click()
                elif action == "fill":
                    locator.fill(str(step.get("value", "")))
                elif action == "check":
                    locator.check()
                elif action == "uncheck":
                    locator.uncheck()
                elif action == "select":
                    locator.select_option(str(step.get("value", "")))
                elif action == "hover":
                    locator.hover()
        except Exception as exc:  # noqa: BLE001
            session.check()
            if "crash" in str(exc).lower() or "closed" in str(exc).lower():
                session.raise_for(exc)
            return _("Action impossible : %(action)s « %(target)s » (élément absent, caché ou désactivé ?).") % {
                "action": action,
                "target": target,
            }
        session.check()
    # Expectations may follow an animation or a timer: looked at again for up to a second,
    # out of 2 s shared by the whole grading (failing scenarios do not add up to a timeout).
    budget = max(0.0, min(1.0, session.settle_budget))
    started = time.monotonic()
    deadline = started + budget
    while True:
        problem = None
        for item in check["expect"]:
            try:
                found = session.evaluate(CHECKS_JS, {"type": "expect", "selector": item["selector"]})
            except Exception as exc:  # noqa: BLE001
                session.raise_for(exc)
            problem = _expectation_problem(item, found)
            if problem:
                break
        if problem is None or time.monotonic() > deadline:
            session.settle_budget -= time.monotonic() - started
            return problem
        page.wait_for_timeout(100)
        session.check()


def _expectation_problem(item, found):
    selector, count, items = item["selector"], found["count"], found["items"]
    if item.get("absent"):
        return _("« %(selector)s » ne devrait pas être présent.") % {"selector": selector} if count else None
    low = item.get("count", item.get("min", 1))
    high = item.get("count", item.get("max"))
    if count < low or (high is not None and count > high):
        return _("« %(selector)s » : %(found)s élément(s), attendu %(expected)s.") % {
            "selector": selector,
            "found": count,
            "expected": low if high == low else f"≥ {low}" if high is None else f"{low}–{high}",
        }

    def problem_of(el):
        if "visible" in item and el["visible"] != item["visible"]:
            return (
                _("%(element)s devrait être visible.") if item["visible"] else _("%(element)s devrait être caché.")
            ) % {"element": el["element"]}
        if "class" in item and item["class"] not in el["classes"]:
            return _("%(element)s devrait avoir la classe « %(class)s ».") % {
                "element": el["element"],
                "class": item["class"],
            }
        if "text" in item and el["text"] != item["text"]:
            return _("Le texte de %(element)s est « %(got)s », attendu « %(expected)s ».") % {
                "element": el["element"],
                "got": el["text"][:80],
                "expected": item["text"],
            }
        if "contains" in item and item["contains"].casefold() not in el["text"].casefold():
            return _("Le texte de %(element)s devrait contenir « %(expected)s ».") % {
                "element": el["element"],
                "expected": item["contains"],
            }
        if "attribute" not in item and "pattern" in item and not re.search(item["pattern"], el["text"]):
            return _("Le texte de %(element)s (« %(got)s ») n'a pas la forme attendue.") % {
                "element": el["element"],
                "got": el["text"][:80],
            }
        if "field_value" in item and el["value"] != item["field_value"]:
            return _("Le champ %(element)s contient « %(got)s », attendu « %(expected)s ».") % {
                "element": el["element"],
                "got": (el["value"] or "")[:80],
                "expected": item["field_value"],
            }
        if "attribute" in item:
            value = el["attributes"].get(item["attribute"])
            if value is None:
                return _("%(element)s n'a pas d'attribut %(attribute)s.") % {
                    "element": el["element"],
                    "attribute": item["attribute"],
                }
            if "value" in item and value != str(item["value"]):
                return _("L'attribut %(attribute)s de %(element)s vaut « %(got)s », attendu « %(expected)s ».") % {
                    "attribute": item["attribute"],
                    "element": el["element"],
                    "got": value[:80],
                    "expected": item["value"],
                }
            if "pattern" in item and not re.search(item["pattern"], value):
                return _("L'attribut %(attribute)s de %(element)s (« %(got)s ») n'a pas la forme attendue.") % {
                    "attribute": item["attribute"],
                    "element": el["element"],
                    "got": value[:80],
                }
        return None

    problems = [problem_of(el) for el in items]
    failing = [p for p in problems if p]
    if not items:
        return None
    if item.get("all", False):
        return failing[0] if failing else None
    return failing[0] if len(failing) == len(problems) else None


# ---------------------------------------------------------------- live preview


LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)\bsrc\s*=\s*[\"']?([^\"'\s>]+)[\"']?([^>]*)>\s*</script\s*>", re.IGNORECASE)
SRC_ATTR = re.compile(r"(\b(?:src|href)\s*=\s*)([\"'])([^\"']+)\2", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*([\"']?)([^\"')]+)\1\s*\)", re.IGNORECASE)


def preview_document(spec, files, name="index.html"):
    """One self-contained document for the live preview's iframe `srcdoc`: the page's own
    stylesheets and scripts inlined, its images as data: URLs. Shown in an iframe sandboxed
    without allow-same-origin: it never shares the platform's origin or cookies."""
    served = page_files(spec, {k: v for k, v in files.items() if isinstance(v, str)})
    html = served.get(name)
    if not isinstance(html, str):
        html = next((v for k, v in served.items() if k.endswith(".html") and isinstance(v, str)), "")

    def data_url(target):
        body = served.get(target.split("?")[0].split("#")[0].lstrip("./"))
        if body is None:
            return None
        kind = mimetypes.guess_type(target)[0] or "application/octet-stream"
        raw = body.encode("utf-8") if isinstance(body, str) else body
        return f"data:{kind};base64,{base64.b64encode(raw).decode('ascii')}"

    def css(text):
        return CSS_URL.sub(lambda m: f'url("{data_url(m.group(2)) or m.group(2)}")', text).replace(
            "</style", "<\\/style"
        )

    def link(match):
        tag = match.group(0)
        href = re.search(r"href\s*=\s*[\"']?([^\"'\s>]+)", tag, re.IGNORECASE)
        if href and "stylesheet" in tag.lower() and isinstance(served.get(href.group(1).lstrip("./")), str):
            return f"<style>{css(served[href.group(1).lstrip('./')])}</style>"
        return tag

    def script(match):
        source = served.get(match.group(2).lstrip("./"))
        if not isinstance(source, str):
            return match.group(0)
        source = source.replace("</script", "<\\/script")
        return f"<script{match.group(1)}{match.group(3)}>{source}</script>"

    def attribute(match):
        target = match.group(3)
        if target.endswith(".html") or ":" in target or target.startswith("#"):
            return match.group(0)
        url = data_url(target)
        return f"{match.group(1)}{match.group(2)}{url}{match.group(2)}" if url else match.group(0)

    html = LINK_TAG.sub(link, html)
    html = SCRIPT_TAG.sub(script, html)
    return SRC_ATTR.sub(attribute, html)
