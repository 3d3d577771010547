"""A phone's messages (SMS): read them, open a link (which leads to a simulated page), report a message
as unwanted, delete it, and sort each one as trustworthy or fraudulent."""

import copy

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import MESSAGE_EXPECTATIONS, Simulator, StepRefused

VERDICTS = ("fiable", "frauduleux")


def verdict_label(verdict):
    return {"fiable": _("fiable"), "frauduleux": _("frauduleux")}[verdict]


class Sms(Simulator):
    name = "sms"
    label = gettext_lazy("Messages du téléphone")
    content = {"messages": ("id", "from", "text")}
    expectations = {**MESSAGE_EXPECTATIONS, "sorted_as": (("message", "as"), ())}
    buttons = ("open_link", "delete", "report", "sort")

    def step_from(self, data):
        step = super().step_from(data)
        if step is not None and step["do"] == "sort":
            step["as"] = data.get("as", "")
        return step

    def message_buttons(self, message, state):
        verdict = state["sorted"].get(message["id"])
        return [
            {
                "do": "sort",
                "as": "fiable",
                "label": _("C'est fiable"),
                "style": "button" if verdict == "fiable" else "",
            },
            {
                "do": "sort",
                "as": "frauduleux",
                "label": _("C'est une arnaque"),
                "style": "button" if verdict == "frauduleux" else "",
            },
            *super().message_buttons(message, state),
        ]

    def done(self, step):
        if step["do"] == "sort":
            return _("Message classé : %(verdict)s.") % {"verdict": verdict_label(step["as"])}
        return super().done(step)

    def describe(self, scenario, step):
        if isinstance(step, dict) and step.get("do") == "sort" and step.get("as") in VERDICTS:
            message = self.message(scenario, step.get("message")) or {}
            return _("Classe le message de « %(who)s » : %(verdict)s") % {
                "who": message.get("from", "?"),
                "verdict": verdict_label(step["as"]),
            }
        return super().describe(scenario, step)

    def validate(self, scenario, problem):
        super().validate(scenario, problem)
        if not scenario.get("messages"):
            problem(_("le téléphone n'a aucun message ([[messages]])"), "simulator")

    def validate_expectation(self, scenario, expectation, problem):
        super().validate_expectation(scenario, expectation, problem)
        if expectation.get("kind") == "sorted_as" and expectation.get("as") not in VERDICTS:
            problem(_("« as » vaut « fiable » ou « frauduleux »"), "as")

    def start(self, scenario):
        return {**super().start(scenario), "sorted": {}}

    def apply(self, scenario, state, step):
        if step.get("do") != "sort":
            return super().apply(scenario, state, step)
        message = self.existing(scenario, state, step)
        if step.get("as") not in VERDICTS:
            raise StepRefused(_("Choisissez « fiable » ou « frauduleux »."))
        new = copy.deepcopy(state)
        new["sorted"][message["id"]] = step["as"]
        return new

    def expect_sorted_as(self, scenario, state, steps, e):
        return state["sorted"].get(e["message"]) == e["as"]
