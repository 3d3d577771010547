"""Grading a simulation: the learner's steps, recorded by the platform's pages as they happened, are
replayed from the scenario's start in the web process; each expectation is checked on the end state
and the path. Nothing the learner sends is trusted: a step the simulator does not allow changes nothing."""

import time

from django.utils.translation import gettext as _

from ...results import Reason, Result, Status, TestResult
from .scenario import MAX_STEPS
from .simulators import SIMULATORS


def grade(spec, submission, *, public_only=False, artefacts=False):
    started = time.monotonic()
    scenario = spec.config["scenario"]
    simulator = SIMULATORS[scenario["simulator"]]
    steps = submission.get("steps") if isinstance(submission, dict) else None
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        return Result.error(Reason.REFUSED, _("Parcours illisible : recommencez la simulation."))
    state = simulator.replay(scenario, steps)
    tests = []
    for index, expectation in enumerate(scenario["expectations"]):
        met = simulator.holds(scenario, state, steps, expectation)
        tests.append(
            TestResult(
                name=expectation["name"],
                status=Status.PASSED if met else Status.FAILED,
                message="" if met else expectation["explanation"],
                key=f"e{index}",
            )
        )
    return Result.from_tests(
        tests,
        round((time.monotonic() - started) * 1000),
        message_passed=_("Bravo : la démarche est réussie !"),
        message_failed=_("La démarche n'est pas encore réussie : voici ce qui manque."),
    )
