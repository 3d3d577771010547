"""A scenario: simulation.toml, read and checked. Which simulator, its content (messages, contacts,
documents…), the task in plain words, the expectations on the end state and the path (each with the
plain-French explanation shown when it is not met), and the reference path, which must meet every
expectation while doing nothing must not."""

import tomllib

from django.utils.translation import gettext as _

from courses.package_files import toml_problem

from .simulators import SIMULATORS, StepRefused

MAX_STEPS = 200  # a procedure takes a few dozen steps; more is a robot or a loop


class ScenarioError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _line(text, needle):
    for number, line in enumerate(text.splitlines(), start=1):
        if needle and needle in line:
            return number
    return 1


def read_scenario(text, path="simulation.toml"):
    """The scenario of a simulation.toml text; ScenarioError with `path:line: message` errors."""
    try:
        scenario = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_problem(exc, text)
        raise ScenarioError([f"{path}:{line}: {message}"]) from exc
    errors = []

    def problem(message, needle=""):
        errors.append(f"{path}:{_line(text, needle)}: {message}")

    simulator = SIMULATORS.get(scenario.get("simulator"))
    if simulator is None:
        problem(
            _("« simulator » doit valoir l'un de : %(names)s") % {"names": ", ".join(sorted(SIMULATORS))}, "simulator"
        )
        raise ScenarioError(errors)
    if not isinstance(scenario.get("task"), str) or not scenario["task"].strip():
        problem(_("« task » manque : la tâche, en mots simples"), "task")
    facts = scenario.get("facts", [])
    if not isinstance(facts, list) or not all(
        isinstance(f, dict) and isinstance(f.get("label"), str) and isinstance(f.get("value"), str) for f in facts
    ):
        problem(_("[[facts]] : chaque information a « label » et « value » (des textes)"), "facts")
    simulator.validate(scenario, problem)
    for message in scenario.get("messages", []):
        for number, link in enumerate(message.get("links", []) if isinstance(message, dict) else [], start=1):
            if not isinstance(link, dict) or not all(isinstance(link.get(k), str) for k in ("text", "page")):
                problem(
                    _("message « %(id)s », lien n° %(n)s : « text » et « page » (le texte de la page simulée) manquent")
                    % {"id": message.get("id"), "n": number},
                    "links",
                )
    expectations = scenario.get("expectations")
    if not isinstance(expectations, list) or not expectations:
        problem(_("aucune attente ([[expectations]]) : rien à vérifier"), "expectations")
        expectations = []
    for number, expectation in enumerate(expectations, start=1):
        if not isinstance(expectation, dict):
            problem(_("attente n° %(n)s : une table [[expectations]] est attendue") % {"n": number}, "expectations")
            continue
        for key in ("name", "explanation"):
            if not isinstance(expectation.get(key), str) or not expectation[key].strip():
                problem(
                    _("attente n° %(n)s : « %(key)s » manque (un texte)") % {"n": number, "key": key}, "expectations"
                )
        simulator.validate_expectation(scenario, expectation, problem)
    if errors:
        raise ScenarioError(errors)
    reference = scenario.get("reference")
    if not isinstance(reference, list) or not reference:
        problem(_("le parcours de référence ([[reference]]) manque"), "reference")
        raise ScenarioError(errors)
    state = simulator.start(scenario)
    for number, step in enumerate(reference, start=1):
        try:
            state = simulator.apply(scenario, state, step)
        except (StepRefused, TypeError, KeyError, AttributeError, ValueError) as exc:
            problem(
                _("étape n° %(n)s du parcours de référence refusée : %(why)s") % {"n": number, "why": exc},
                "reference",
            )
    if errors:
        raise ScenarioError(errors)
    for expectation in expectations:
        if not simulator.holds(scenario, state, reference, expectation):
            problem(
                _("le parcours de référence ne remplit pas l'attente « %(name)s »") % {"name": expectation["name"]},
                expectation["name"],
            )
    nothing = simulator.start(scenario)
    if all(simulator.holds(scenario, nothing, [], e) for e in expectations):
        problem(_("ne rien faire remplit déjà toutes les attentes : elles ne vérifient rien"), "expectations")
    if errors:
        raise ScenarioError(errors)
    return scenario
