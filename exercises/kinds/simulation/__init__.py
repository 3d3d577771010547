"""Simulations of everyday procedures: the learner does the procedure on a safe, clearly labelled
replica rendered by the platform (simulators/: a webmail, a phone's messages, appointment booking, an
online shop, a public-service portal), every step recorded on the server (views.py) and graded on the
end state and the path against the scenario's expectations (grader.py). A scenario is data:
simulation.toml (scenario.py), with a reference path that must meet every expectation while doing
nothing must not."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import Kind, Unreadable, code_field, require


class Simulation(Kind):
    name = "simulation"
    label = gettext_lazy("Simulation d'une démarche")
    in_sandbox = False  # nothing of the learner's runs: the steps are replayed in the web process
    work_template = "kinds/simulation/work.html"
    beside_template = "kinds/simulation/beside.html"
    review_template = "kinds/simulation/review.html"
    work_title = gettext_lazy("Votre démarche")
    authoring_template = "kinds/simulation/authoring.html"
    check_texts = {
        "solution_passes": gettext_lazy("Le parcours de référence remplit toutes les attentes."),
        "solution_fails": gettext_lazy("Le parcours de référence ne remplit pas toutes les attentes :"),
        "starter_passes": gettext_lazy("Ne rien faire remplit déjà toutes les attentes : elles ne vérifient rien."),
        "starter_fails": gettext_lazy("Ne rien faire ne remplit pas les attentes, comme il se doit."),
    }

    # ------------------------------------------------------------ a course package's folder

    def read(self, folder, spec, meta, errors):
        from .scenario import ScenarioError, read_scenario

        path = folder / "simulation.toml"
        if not path.is_file():
            errors.append(f"{path}:1: " + _("fichier manquant : le scénario de la simulation"))
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            set_scenario(spec, text, read_scenario(text, path))
        except ScenarioError as exc:
            errors.extend(exc.errors)

    def export(self, exercise, folder):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "simulation.toml").write_text(exercise.tests.get("simulation.toml", ""), encoding="utf-8")

    # ------------------------------------------------------------ the authoring form

    def form_fields(self):
        return {
            "scenario": code_field(
                gettext_lazy("Simulation : le scénario (simulation.toml)"),
                rows=16,
                help_text=gettext_lazy(
                    "Le simulateur (webmail, sms, booking, shop ou procedure), son contenu, la tâche en mots "
                    "simples, les attentes avec leur explication, et le parcours de référence. Voir "
                    "docs/exercise-format.md."
                ),
            )
        }

    def initial(self, exercise):
        return {"scenario": exercise.tests.get("simulation.toml", "")}

    def clean_form(self, form, data):
        from .scenario import ScenarioError, read_scenario

        require(form, data, ["scenario"])
        if (data.get("scenario") or "").strip():
            try:
                data["scenario_read"] = read_scenario(data["scenario"])
            except ScenarioError as exc:
                form.add_error("scenario", " ".join(exc.errors[:5]))

    def apply(self, exercise, data):
        set_scenario(exercise, data["scenario"], data["scenario_read"])

    def authoring_context(self, exercise):
        """The scenario as read, for its author: the task, what is checked and how it is explained, the
        reference path in words; and the simulator to try it as a learner would."""
        from .simulators import SIMULATORS

        scenario = exercise.config.get("scenario")
        if not scenario:
            return {}
        simulator = SIMULATORS[scenario["simulator"]]
        return {
            "scenario": scenario,
            "simulator": simulator,
            "reference_steps": [simulator.describe(scenario, step) for step in scenario["reference"]],
        }

    # ------------------------------------------------------------ the learner's work

    def work_of(self, submission):
        return submission.answers

    def work_form(self, exercise, learner, data=None, files=None):
        from ... import selectors
        from .forms import FinishForm

        return FinishForm(data, steps=selectors.steps_in_progress(exercise, learner))

    def work_sent(self, exercise, form):
        """The steps the platform recorded, always a submission (the form only says « I'm done »)."""
        return {"answers": {"steps": form.steps}, "mode": "submit"}

    def page_context(self, exercise, learner, form):
        from ... import selectors
        from .simulators import SIMULATORS

        scenario = exercise.config["scenario"]
        simulator = SIMULATORS[scenario["simulator"]]
        return {
            "simulator": simulator,
            "task": scenario["task"],
            "done_steps": [simulator.describe(scenario, step) for step in form.steps],
            "accompaniments": selectors.accompaniments_of(exercise, learner),
        }

    def urls(self):
        from .views import urlpatterns

        return urlpatterns

    def demo_attempts(self, spec, rng):
        """The reference path; one time in four, first sent after its first step only."""
        reference = spec.solution["steps"]
        right = {"answers": {"steps": reference}}
        return [{"answers": {"steps": reference[:1]}}, right] if rng.random() < 0.25 else [right]

    def review_context(self, submission, comments):
        """The steps the learner took, in words, in order."""
        from .simulators import SIMULATORS

        scenario = submission.exercise.config["scenario"]
        simulator = SIMULATORS[scenario["simulator"]]
        steps = (submission.answers or {}).get("steps", [])
        return {"simulation_steps": [simulator.describe(scenario, step) for step in steps]}

    def read_submission(self, path):
        """A JSON file of steps ({"steps": [{"do": "open", "message": "…"}, …]}), as the pages record them."""
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, RecursionError):
            raise Unreadable(_("Parcours illisible : le fichier n'est pas un JSON valide.")) from None


def set_scenario(target, text, scenario):
    """Store a scenario on an exercise (or a spec): its text to export, the scenario read, its reference
    path as the solution and doing nothing as the starter (« Tester la correction » and check_course
    play both: the reference must pass, doing nothing must not)."""
    target.tests = {"simulation.toml": text}
    target.config = {"scenario": scenario}
    target.solution = {"steps": scenario["reference"]}
    target.starter = {"steps": []}
