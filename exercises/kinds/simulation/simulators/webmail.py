"""A webmail: an inbox, reading, replying, forwarding, writing to a contact, attaching a file from
« Mes documents », deleting, reporting as unwanted, and links that lead to a simulated page."""

import copy

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import ADDRESS, MESSAGE_EXPECTATIONS, Simulator, StepRefused

MAX_RECIPIENTS = 10
MAX_SUBJECT = 200
MAX_BODY = 5000


def _same(a, b):
    return a.strip().lower() == b.strip().lower()


class Webmail(Simulator):
    name = "webmail"
    label = gettext_lazy("Messagerie")
    content = {
        "messages": ("id", "from", "address", "subject", "body"),
        "contacts": ("name", "address"),
        "documents": ("name",),
    }
    expectations = {
        **MESSAGE_EXPECTATIONS,
        "sent": (("to",), ("attachment", "reply_to", "forward_of", "subject_contains", "body_contains")),
        "not_sent": (("to",), ()),
    }

    def validate(self, scenario, problem):
        super().validate(scenario, problem)
        if not scenario.get("messages"):
            problem(_("la messagerie n'a aucun message ([[messages]])"), "simulator")
        for item in scenario.get("contacts", []) + scenario.get("messages", []):
            if isinstance(item, dict) and isinstance(item.get("address"), str) and not ADDRESS.match(item["address"]):
                problem(_("adresse invalide : « %(a)s »") % {"a": item["address"]}, item["address"])

    def start(self, scenario):
        return {**super().start(scenario), "sent": []}

    def attachable(self, scenario, forward_of=None):
        """The files a message can carry: « Mes documents », and the forwarded message's attachments."""
        names = [d["name"] for d in scenario.get("documents", [])]
        if forward_of is not None:
            names += [name for name in forward_of.get("attachments", []) if name not in names]
        return names

    def apply(self, scenario, state, step):
        if step.get("do") == "send":
            return self.send(scenario, state, step)
        return super().apply(scenario, state, step)

    def send(self, scenario, state, step):
        to = step.get("to")
        if not isinstance(to, list) or not to:
            raise StepRefused(_("Indiquez au moins un destinataire."), "to")
        if len(to) > MAX_RECIPIENTS:
            raise StepRefused(_("Dix destinataires au plus."), "to")
        for address in to:
            if not isinstance(address, str) or not ADDRESS.match(address.strip()):
                raise StepRefused(
                    _("« %(a)s » n'est pas une adresse de messagerie (exemple : prenom.nom@exemple.fr).")
                    % {"a": str(address)[:80]},
                    "to",
                )
        subject, body = step.get("subject", ""), step.get("body", "")
        if not isinstance(subject, str) or not isinstance(body, str):
            raise StepRefused(_("Objet ou texte illisible."))
        if len(subject) > MAX_SUBJECT or len(body) > MAX_BODY:
            raise StepRefused(_("Le message est trop long."))
        reply_to = forward_of = None
        if step.get("reply_to") is not None:
            reply_to = self.existing(scenario, state, {"message": step["reply_to"]})
        if step.get("forward_of") is not None:
            forward_of = self.existing(scenario, state, {"message": step["forward_of"]})
        attach = step.get("attach", [])
        allowed = self.attachable(scenario, forward_of)
        if not isinstance(attach, list) or any(name not in allowed for name in attach):
            raise StepRefused(_("Cette pièce jointe n'est pas dans vos documents."), "attach")
        new = copy.deepcopy(state)
        new["sent"].append(
            {
                "to": [address.strip() for address in to],
                "subject": subject,
                "body": body,
                "attach": list(attach),
                "reply_to": reply_to["id"] if reply_to else None,
                "forward_of": forward_of["id"] if forward_of else None,
            }
        )
        return new

    def describe(self, scenario, step):
        if isinstance(step, dict) and step.get("do") == "send":
            text = _("Envoie « %(s)s » à %(to)s") % {
                "s": step.get("subject") or _("(sans objet)"),
                "to": ", ".join(step.get("to", [])),
            }
            if step.get("attach"):
                text += " — " + _("pièces jointes : %(names)s") % {"names": ", ".join(step["attach"])}
            return text
        return super().describe(scenario, step)

    # ------------------------------------------------------------ expectations

    @staticmethod
    def _matches(sent, e):
        if not any(_same(address, e["to"]) for address in sent["to"]):
            return False
        wanted = e.get("attachment", [])
        wanted = [wanted] if isinstance(wanted, str) else wanted
        if any(name not in sent["attach"] for name in wanted):
            return False
        if "reply_to" in e and sent["reply_to"] != e["reply_to"]:
            return False
        if "forward_of" in e and sent["forward_of"] != e["forward_of"]:
            return False
        if "subject_contains" in e and e["subject_contains"].lower() not in sent["subject"].lower():
            return False
        return "body_contains" not in e or e["body_contains"].lower() in sent["body"].lower()

    def expect_sent(self, scenario, state, steps, e):
        return any(self._matches(sent, e) for sent in state["sent"])

    def expect_not_sent(self, scenario, state, steps, e):
        return not any(_same(address, e["to"]) for sent in state["sent"] for address in sent["to"])

    def validate_expectation(self, scenario, expectation, problem):
        super().validate_expectation(scenario, expectation, problem)
        for key in ("reply_to", "forward_of"):
            if key in expectation and self.message(scenario, expectation[key]) is None:
                problem(
                    _("« %(key)s » cite un message inconnu : « %(id)s »") % {"key": key, "id": expectation[key]}, key
                )
        names = expectation.get("attachment", [])
        for name in [names] if isinstance(names, str) else names:
            known = self.attachable(scenario) + [
                a for m in scenario.get("messages", []) for a in m.get("attachments", [])
            ]
            if name not in known:
                problem(_("pièce jointe inconnue : « %(name)s »") % {"name": name}, name)
