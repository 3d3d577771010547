"""Booking an appointment: search a practitioner, choose a free slot, confirm, then find the
appointment in « Mes rendez-vous » and cancel it (or cancel one made earlier)."""

import copy
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import MESSAGE_ID, Simulator, StepRefused


def folded(text):
    """Lower case, without accents: « médecin » finds « Médecin généraliste »."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


class Booking(Simulator):
    name = "booking"
    label = gettext_lazy("Prise de rendez-vous")
    content = {"practitioners": ("id", "name", "speciality", "address"), "appointments": ("id", "practitioner", "slot")}
    buttons = ("book", "cancel")
    expectations = {
        "booked": (("practitioner",), ("slot",)),
        "not_booked": (("practitioner",), ()),
        "cancelled": (("appointment",), ()),
        "not_cancelled": (("appointment",), ()),
        "bookings": (("count",), ()),
    }

    # ------------------------------------------------------------ a scenario

    def validate(self, scenario, problem):
        super().validate(scenario, problem)
        practitioners = scenario.get("practitioners", [])
        if not practitioners:
            problem(_("la prise de rendez-vous n'a aucun praticien ([[practitioners]])"), "simulator")
        for item in practitioners + scenario.get("appointments", []):
            if isinstance(item.get("id"), str) and not MESSAGE_ID.match(item["id"]):
                problem(
                    _("identifiant « %(id)s » : lettres minuscules, chiffres et tirets seulement") % {"id": item["id"]},
                    item["id"],
                )
        for practitioner in practitioners:
            slots = practitioner.get("slots", [])
            if not isinstance(slots, list) or not all(isinstance(slot, str) and slot.strip() for slot in slots):
                problem(
                    _("praticien « %(id)s » : « slots » est une liste de créneaux (textes)")
                    % {"id": practitioner.get("id")},
                    "slots",
                )
        for appointment in scenario.get("appointments", []):
            practitioner = self.practitioner(scenario, appointment.get("practitioner"))
            if practitioner is None:
                problem(
                    _("rendez-vous « %(id)s » : praticien inconnu") % {"id": appointment.get("id")},
                    appointment.get("id", ""),
                )

    def validate_expectation(self, scenario, expectation, problem):
        super().validate_expectation(scenario, expectation, problem)
        if "practitioner" in expectation and self.practitioner(scenario, expectation["practitioner"]) is None:
            problem(_("praticien inconnu : « %(id)s »") % {"id": expectation["practitioner"]}, "practitioner")
        if "appointment" in expectation and self.appointment(scenario, {}, expectation["appointment"]) is None:
            problem(_("rendez-vous inconnu : « %(id)s »") % {"id": expectation["appointment"]}, "appointment")
        if "count" in expectation and (not isinstance(expectation["count"], int) or expectation["count"] < 0):
            problem(_("« count » est un nombre entier"), "count")

    # ------------------------------------------------------------ what there is

    @staticmethod
    def practitioner(scenario, practitioner_id):
        return next((p for p in scenario.get("practitioners", []) if p.get("id") == practitioner_id), None)

    @staticmethod
    def appointment(scenario, state, appointment_id):
        """An appointment made earlier (the scenario's) or during the simulation."""
        return next(
            (a for a in [*scenario.get("appointments", []), *state.get("booked", [])] if a.get("id") == appointment_id),
            None,
        )

    def appointments(self, scenario, state):
        """« Mes rendez-vous »: those not cancelled, with their practitioner."""
        return [
            {**a, "who": self.practitioner(scenario, a["practitioner"])}
            for a in [*scenario.get("appointments", []), *state["booked"]]
            if a["id"] not in state["cancelled"]
        ]

    def taken(self, scenario, state, practitioner):
        """The practitioner's slots no one can book: taken by others, or already booked and not cancelled."""
        mine = [a["slot"] for a in self.appointments(scenario, state) if a["practitioner"] == practitioner["id"]]
        return set(practitioner.get("taken", [])) | set(mine)

    def search(self, scenario, query):
        """The practitioners whose name, speciality or address has every word of the query."""
        words = folded(query).split()
        return [
            p
            for p in scenario.get("practitioners", [])
            if all(word in folded(f"{p['name']} {p['speciality']} {p['address']}") for word in words)
        ]

    # ------------------------------------------------------------ steps

    def start(self, scenario):
        return {"booked": [], "cancelled": [], "opened": [], "deleted": [], "reported": [], "links": []}

    def home(self, scenario, state, query):
        text = str(query.get("q", ""))[:100]
        return {"query": text, "results": self.search(scenario, text), "searched": "q" in query}

    def step_from(self, data):
        do = data.get("do", "")
        if do == "book":
            return {"do": "book", "practitioner": data.get("practitioner", ""), "slot": data.get("slot", "")}
        if do == "cancel":
            return {"do": "cancel", "appointment": data.get("appointment", "")}
        return None

    def apply(self, scenario, state, step):
        do = step.get("do")
        if do == "book":
            practitioner = self.practitioner(scenario, step.get("practitioner"))
            if practitioner is None:
                raise StepRefused(_("Ce praticien n'existe pas."))
            slot = step.get("slot")
            if slot not in practitioner.get("slots", []):
                raise StepRefused(_("Ce créneau n'existe pas."))
            if slot in self.taken(scenario, state, practitioner):
                raise StepRefused(_("Ce créneau n'est plus libre : choisissez-en un autre."))
            new = copy.deepcopy(state)
            new["booked"].append(
                {"id": f"rdv-{len(state['booked']) + 1}", "practitioner": practitioner["id"], "slot": slot}
            )
            return new
        if do == "cancel":
            appointment = self.appointment(scenario, state, step.get("appointment"))
            if appointment is None or appointment["id"] in state["cancelled"]:
                raise StepRefused(_("Ce rendez-vous n'existe pas ou est déjà annulé."))
            return self.added(state, "cancelled", appointment["id"])
        raise StepRefused(_("Action inconnue."))

    def after(self, step):
        return ("appointments",)

    def done(self, step):
        if step["do"] == "book":
            return _("Rendez-vous confirmé (dans la simulation seulement).")
        return _("Rendez-vous annulé.")

    def describe(self, scenario, step):
        if not isinstance(step, dict):
            return _("Action inconnue")
        if step.get("do") == "book":
            who = self.practitioner(scenario, step.get("practitioner")) or {}
            return _("Prend rendez-vous avec %(who)s, %(slot)s") % {
                "who": who.get("name", "?"),
                "slot": step.get("slot"),
            }
        if step.get("do") == "cancel":
            return _("Annule le rendez-vous « %(id)s »") % {"id": step.get("appointment")}
        return _("Action inconnue")

    # ------------------------------------------------------------ expectations

    def _active(self, state, e):
        return [
            b
            for b in state["booked"]
            if b["id"] not in state["cancelled"]
            and b["practitioner"] == e.get("practitioner", b["practitioner"])
            and b["slot"] == e.get("slot", b["slot"])
        ]

    def expect_booked(self, scenario, state, steps, e):
        return bool(self._active(state, e))

    def expect_not_booked(self, scenario, state, steps, e):
        return not self._active(state, e)

    def expect_cancelled(self, scenario, state, steps, e):
        return e["appointment"] in state["cancelled"]

    def expect_not_cancelled(self, scenario, state, steps, e):
        return e["appointment"] not in state["cancelled"]

    def expect_bookings(self, scenario, state, steps, e):
        return len(self._active(state, {})) == e["count"]
