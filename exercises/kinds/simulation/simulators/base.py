"""What every simulator does: replay steps from the scenario's start, check expectations on the result."""

import copy
import re

from django.utils.translation import gettext as _

# An e-mail address as people type them: something@domain.tld (the simulator sends nothing anyway).
ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


# A message's id appears in addresses (/messages/<id>/) and in expectations.
MESSAGE_ID = re.compile(r"^[a-z0-9-]{1,50}$")


# Steps that mark a message, and the state's list each one adds it to.
MARKS = {"open": "opened", "delete": "deleted", "report": "reported"}


class StepRefused(Exception):
    """A step the simulator does not allow (the message says why, in plain French; `field`: the form
    field it is about, if any)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class Simulator:
    name = ""
    label = ""
    # {expectation kind: (required keys, optional keys)}
    expectations = {}
    # Content lists of a scenario and the keys each item needs.
    content = {}
    # The steps a message's buttons take (simulation_act).
    buttons = ("open_link", "delete", "report")

    # ------------------------------------------------------------ a scenario

    def validate(self, scenario, problem):
        """Check the scenario's content; call problem(message, needle) for each error (needle: text
        that finds the line in simulation.toml)."""
        for section, keys in self.content.items():
            items = scenario.get(section, [])
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                problem(
                    _("« %(section)s » doit être une liste de tables [[%(section)s]]") % {"section": section}, section
                )
                continue
            for number, item in enumerate(items, start=1):
                for key in keys:
                    if not isinstance(item.get(key), str) or not item[key].strip():
                        problem(
                            _("[[%(section)s]] n° %(n)s : « %(key)s » manque (un texte)")
                            % {"section": section, "n": number, "key": key},
                            section,
                        )
        ids = [item.get("id") for item in scenario.get("messages", []) if isinstance(item, dict)]
        for wrong in [i for i in ids if isinstance(i, str) and i and not MESSAGE_ID.match(i)]:
            problem(
                _("identifiant de message « %(id)s » : lettres minuscules, chiffres et tirets seulement")
                % {"id": wrong},
                f'"{wrong}"',
            )
        for duplicate in sorted({i for i in ids if ids.count(i) > 1 and i}):
            problem(_("l'identifiant de message « %(id)s » est en double") % {"id": duplicate}, f'"{duplicate}"')

    def validate_expectation(self, scenario, expectation, problem):
        """Check one expectation's kind and keys (its messages must exist)."""
        kind = expectation.get("kind")
        if kind not in self.expectations:
            problem(
                _("attente de type inconnu « %(kind)s » (possibles : %(kinds)s)")
                % {"kind": kind, "kinds": ", ".join(sorted(self.expectations))},
                f'"{kind}"',
            )
            return
        required, optional = self.expectations[kind]
        for key in required:
            if key not in expectation:
                problem(_("l'attente « %(kind)s » demande « %(key)s »") % {"kind": kind, "key": key}, f'"{kind}"')
        for key in expectation:
            if key not in (*required, *optional, "kind", "name", "explanation"):
                problem(_("l'attente « %(kind)s » ne connaît pas « %(key)s »") % {"kind": kind, "key": key}, key)
        message = expectation.get("message")
        if "message" in required + optional and message is not None and self.message(scenario, message) is None:
            problem(
                _("l'attente « %(kind)s » cite un message inconnu : « %(id)s »") % {"kind": kind, "id": message},
                f'"{message}"',
            )

    # ------------------------------------------------------------ steps

    def start(self, scenario):
        return {"opened": [], "deleted": [], "reported": [], "links": []}

    def apply(self, scenario, state, step):
        """The state after one step; StepRefused if the step is not possible there. The steps every
        simulator with messages has; a simulator adds its own before calling this."""
        do = step.get("do")
        if do in MARKS:
            return self.added(state, MARKS[do], self.existing(scenario, state, step)["id"])
        if do == "open_link":
            return self.open_link(scenario, state, step)
        raise StepRefused(_("Action inconnue."))

    def replay(self, scenario, steps):
        """The state the steps lead to from the start; steps no longer possible (the scenario changed
        since) are left out."""
        state = self.start(scenario)
        for step in steps if isinstance(steps, list) else []:
            try:
                state = self.apply(scenario, state, step)
            except (StepRefused, TypeError, KeyError, AttributeError, ValueError):
                continue
        return state

    def holds(self, scenario, state, steps, expectation):
        """Whether one expectation is met by this end state (and path)."""
        return getattr(self, f"expect_{expectation['kind']}")(scenario, state, steps, expectation)

    def home(self, scenario, state, query):
        """The first page's context: the messages (inbox, then those reported as unwanted)."""

        def listed(reported):
            return [
                {**m, "opened": m["id"] in state["opened"], "verdict": state.get("sorted", {}).get(m["id"])}
                for m in scenario.get("messages", [])
                if m["id"] not in state["deleted"] and (m["id"] in state["reported"]) == reported
            ]

        return {"listed": listed(False), "unwanted": listed(True)}

    def step_from(self, data):
        """The step a button of the simulator's pages sends (simulation_act), from the POST; None if it
        is not one of this simulator's buttons. What it names is checked by apply()."""
        do = data.get("do", "")
        if do not in self.buttons:
            return None
        step = {"do": do, "message": data.get("message", "")}
        if do == "open_link":
            step["link"] = int(data["link"]) if data.get("link", "").isdigit() else -1
        return step

    def after(self, step):
        """Where the learner goes after a button's step: a page's URL name (simulation_<name>) and its
        arguments."""
        if step["do"] == "open_link":
            return ("link", step["message"], step["link"])
        return ("home",)

    def refused(self, step):
        """Where the learner goes when a button's step is refused (the page says why)."""
        return ("home",)

    def message_buttons(self, message, state):
        """The buttons under a message (steps of simulation_act): [{do, label, as?, style?}]."""
        buttons = (
            [] if message["id"] in state["reported"] else [{"do": "report", "label": _("Signaler comme indésirable")}]
        )
        return [*buttons, {"do": "delete", "label": _("Supprimer")}]

    def done(self, step):
        """What the page says after a button's step (nothing when it opens a page)."""
        if step["do"] == "open_link":
            return None
        return {
            "delete": _("Message supprimé."),
            "report": _("Message signalé comme indésirable : il est rangé dans « Indésirables »."),
        }.get(step["do"], _("C'est fait."))

    def describe(self, scenario, step):
        """One step in words, for the trainer's review and the learner's record."""
        message = self.message(scenario, step.get("message")) if isinstance(step, dict) else None
        title = (message.get("subject") or message.get("from")) if message else "?"
        return {
            "open": _("Ouvre le message « %(m)s »"),
            "open_link": _("Ouvre un lien du message « %(m)s »"),
            "delete": _("Supprime le message « %(m)s »"),
            "report": _("Signale comme indésirable le message « %(m)s »"),
        }.get(step.get("do") if isinstance(step, dict) else None, _("Action inconnue")) % {"m": title}

    # ------------------------------------------------------------ shared by the simulators

    @staticmethod
    def message(scenario, message_id):
        return next((m for m in scenario.get("messages", []) if m.get("id") == message_id), None)

    def existing(self, scenario, state, step, *, visible=True):
        """The message a step names, which must exist (and not be deleted, unless visible=False)."""
        message = self.message(scenario, step.get("message"))
        if message is None or (visible and message["id"] in state["deleted"]):
            raise StepRefused(_("Ce message n'existe pas ou a été supprimé."))
        return message

    @staticmethod
    def added(state, key, value):
        new = copy.deepcopy(state)
        if value not in new[key]:
            new[key].append(value)
        return new

    def open_link(self, scenario, state, step):
        message = self.existing(scenario, state, step)
        links = message.get("links", [])
        index = step.get("link")
        if not isinstance(index, int) or not 0 <= index < len(links):
            raise StepRefused(_("Ce lien n'existe pas."))
        return self.added(state, "links", [message["id"], index])

    # Expectations every simulator with messages has.
    def expect_opened(self, scenario, state, steps, e):
        return e["message"] in state["opened"]

    def expect_deleted(self, scenario, state, steps, e):
        return e["message"] in state["deleted"]

    def expect_not_deleted(self, scenario, state, steps, e):
        return e["message"] not in state["deleted"]

    def expect_reported(self, scenario, state, steps, e):
        return e["message"] in state["reported"]

    def expect_not_reported(self, scenario, state, steps, e):
        return e["message"] not in state["reported"]

    def expect_link_opened(self, scenario, state, steps, e):
        return any(message == e["message"] for message, _index in state["links"])

    def expect_link_not_opened(self, scenario, state, steps, e):
        return not self.expect_link_opened(scenario, state, steps, e)


MESSAGE_EXPECTATIONS = {
    "opened": (("message",), ()),
    "deleted": (("message",), ()),
    "not_deleted": (("message",), ()),
    "reported": (("message",), ()),
    "not_reported": (("message",), ()),
    "link_opened": (("message",), ()),
    "link_not_opened": (("message",), ()),
}
