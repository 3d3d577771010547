"""An online public-service procedure: a portal where one signs in through a simulated identity provider
(a generic name, like the national sign-in services) or creates an account, fills a form of several
steps checked as a real one is (a date, a postcode, a phone number, a document of the right format and
size from « Mes documents »), reads the summary, certifies and sends, then downloads the receipt.

Passwords are checked by the pages and never kept: a step only says that the learner signed in or
created an account, and with which address."""

import copy
import datetime
import hashlib
import json
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import ADDRESS, MESSAGE_ID, Simulator, StepRefused
from .booking import folded

FIELD_TYPES = ("text", "email", "phone", "postcode", "date", "choice", "file")
MAX_VALUE = 200
PHONE = re.compile(r"^(?:\+33 ?|0)[1-9](?:[ .-]?[0-9]{2}){4}$")
POSTCODE = re.compile(r"^[0-9]{5}$")
DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


def size_text(kb):
    """« 240 Ko », « 12 Mo »: sizes as a file chooser shows them."""
    return _("%(n)s Ko") % {"n": kb} if kb < 1000 else _("%(n)s Mo") % {"n": round(kb / 1000, 1)}


def extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


class Procedure(Simulator):
    name = "procedure"
    label = gettext_lazy("Démarche en ligne")
    content = {"pages": ("id", "title"), "documents": ("name",)}
    buttons = ("submit",)
    expectations = {
        "signed_in": ((), ("via",)),
        "account_created": ((), ("email",)),
        "answer": (("field", "value"), ()),
        "document": (("field", "document"), ()),
        "submitted": ((), ()),
        "not_submitted": ((), ()),
        "receipt_downloaded": ((), ()),
    }

    # ------------------------------------------------------------ a scenario

    def validate(self, scenario, problem):
        super().validate(scenario, problem)
        portal = scenario.get("portal")
        if not isinstance(portal, dict) or not all(
            isinstance(portal.get(k), str) and portal[k].strip() for k in ("name", "address", "procedure")
        ):
            problem(_("[portal] : « name », « address » et « procedure » (des textes) sont demandés"), "portal")
        provider = scenario.get("provider")
        if provider is not None and not (
            isinstance(provider, dict)
            and all(isinstance(provider.get(k), str) and provider[k] for k in ("name", "address", "login", "password"))
        ):
            problem(
                _("[provider] : « name », « address », « login » et « password » (des textes) sont demandés"),
                "provider",
            )
        if provider is None and not (isinstance(portal, dict) and portal.get("accounts")):
            problem(_("ni [provider] ni « accounts = true » dans [portal] : personne ne peut se connecter"), "portal")
        pages = scenario.get("pages", [])
        if not pages:
            problem(_("la démarche n'a aucune étape de formulaire ([[pages]])"), "pages")
        seen = []
        for page in pages if isinstance(pages, list) else []:
            if isinstance(page.get("id"), str) and not MESSAGE_ID.match(page["id"]):
                problem(
                    _("identifiant « %(id)s » : lettres minuscules, chiffres et tirets seulement") % {"id": page["id"]},
                    page["id"],
                )
            fields = page.get("fields")
            if not isinstance(fields, list) or not fields or not all(isinstance(f, dict) for f in fields):
                problem(_("étape « %(id)s » : aucun champ ([[pages.fields]])") % {"id": page.get("id")}, "pages")
                continue
            for field in fields:
                self._validate_field(scenario, field, seen, problem)
        documents = [d.get("name") for d in scenario.get("documents", []) if isinstance(d, dict)]
        for document in scenario.get("documents", []):
            if isinstance(document, dict) and not isinstance(document.get("size_kb", 0), int):
                problem(
                    _("document « %(n)s » : « size_kb » est un nombre entier") % {"n": document.get("name")}, "size_kb"
                )
        for duplicate in sorted({d for d in documents if documents.count(d) > 1 and d}):
            problem(_("le document « %(n)s » est en double") % {"n": duplicate}, duplicate)

    def _validate_field(self, scenario, field, seen, problem):
        ident = field.get("id")
        if not isinstance(ident, str) or not MESSAGE_ID.match(ident) or not isinstance(field.get("label"), str):
            problem(
                _("champ « %(id)s » : « id » (lettres minuscules, chiffres, tirets) et « label » sont demandés")
                % {"id": ident},
                "fields",
            )
            return
        if ident in seen:
            problem(_("le champ « %(id)s » est en double") % {"id": ident}, f'"{ident}"')
        seen.append(ident)
        kind = field.get("type", "text")
        if kind not in FIELD_TYPES:
            problem(
                _("champ « %(id)s » : type inconnu « %(type)s » (possibles : %(types)s)")
                % {"id": ident, "type": kind, "types": ", ".join(FIELD_TYPES)},
                f'"{kind}"',
            )
        if kind == "choice" and not (
            isinstance(field.get("choices"), list)
            and field["choices"]
            and all(isinstance(c, str) for c in field["choices"])
        ):
            problem(
                _("champ « %(id)s » : « choices » est une liste de réponses (textes)") % {"id": ident}, f'"{ident}"'
            )
        if kind == "file":
            if not scenario.get("documents"):
                problem(_("champ « %(id)s » : aucun document à joindre ([[documents]])") % {"id": ident}, f'"{ident}"')
            accept = field.get("accept", [])
            if not isinstance(accept, list) or not all(isinstance(a, str) for a in accept):
                problem(
                    _('champ « %(id)s » : « accept » est une liste d\'extensions ("pdf", "jpg")') % {"id": ident},
                    "accept",
                )
            if not isinstance(field.get("max_kb", 0), int):
                problem(_("champ « %(id)s » : « max_kb » est un nombre entier") % {"id": ident}, "max_kb")

    def validate_expectation(self, scenario, expectation, problem):
        super().validate_expectation(scenario, expectation, problem)
        if "field" in expectation and self.field(scenario, expectation["field"]) is None:
            problem(_("champ inconnu : « %(id)s »") % {"id": expectation["field"]}, "field")
        if "document" in expectation and self.document(scenario, expectation["document"]) is None:
            problem(_("document inconnu : « %(id)s »") % {"id": expectation["document"]}, "document")
        if expectation.get("via") not in (None, "provider", "account"):
            problem(_("« via » vaut « provider » ou « account »"), "via")

    # ------------------------------------------------------------ what there is

    @staticmethod
    def pages(scenario):
        return scenario.get("pages", [])

    def page(self, scenario, page_id):
        return next((p for p in self.pages(scenario) if p.get("id") == page_id), None)

    def field(self, scenario, field_id):
        return next((f for p in self.pages(scenario) for f in p.get("fields", []) if f.get("id") == field_id), None)

    @staticmethod
    def document(scenario, name):
        return next((d for d in scenario.get("documents", []) if d.get("name") == name), None)

    def documents(self, scenario):
        """« Mes documents », as a file chooser shows them: name, size, format."""
        return [
            {**d, "size": size_text(d.get("size_kb", 100)), "format": extension(d["name"]).upper()}
            for d in scenario.get("documents", [])
        ]

    def next_page(self, scenario, state):
        """The first step of the form not filled yet (None: all are, the summary is next)."""
        return next((p for p in self.pages(scenario) if p["id"] not in state["answers"]), None)

    def receipt_number(self, scenario, state):
        digest = hashlib.sha256(json.dumps(state["answers"], sort_keys=True).encode()).hexdigest()
        return f"{scenario['portal'].get('receipt_prefix', 'DEM')}-{int(digest[:8], 16) % 1_000_000:06d}"

    def field_error(self, scenario, field, value):
        """Why a value is refused by the form, in plain French (None: accepted)."""
        kind = field.get("type", "text")
        if not isinstance(value, str) or len(value) > MAX_VALUE:
            return _("Réponse trop longue.")
        value = value.strip()
        if not value:
            return _("Ce champ est obligatoire.") if field.get("required", True) else None
        if kind == "email" and not ADDRESS.match(value):
            return _("Écrivez une adresse électronique complète, par exemple nom@exemple.fr.")
        if kind == "phone" and not PHONE.match(value):
            return _("Un numéro de téléphone a 10 chiffres, par exemple 06 12 34 56 78.")
        if kind == "postcode" and not POSTCODE.match(value):
            return _("Un code postal a 5 chiffres, par exemple 95000.")
        if kind == "date":
            match = DATE.match(value)
            if not match:
                return _("Écrivez la date sous la forme JJ/MM/AAAA, par exemple 05/03/1990.")
            try:
                datetime.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                return _("Cette date n'existe pas : vérifiez le jour et le mois.")
        if kind == "choice" and value not in field.get("choices", []):
            return _("Choisissez une des réponses proposées.")
        if kind == "file":
            document = self.document(scenario, value)
            if document is None:
                return _("Choisissez un fichier dans « Mes documents ».")
            accept = [a.lower() for a in field.get("accept", [])]
            if accept and extension(document["name"]) not in accept:
                return _("Ce format de fichier n'est pas accepté : %(formats)s seulement.") % {
                    "formats": ", ".join(a.upper() for a in accept)
                }
            if field.get("max_kb") and document.get("size_kb", 0) > field["max_kb"]:
                return _("Ce fichier est trop lourd (%(size)s) : %(max)s au maximum.") % {
                    "size": size_text(document["size_kb"]),
                    "max": size_text(field["max_kb"]),
                }
        return None

    @staticmethod
    def normal(field, value):
        """A value as compared with an expectation: digits of a phone or postcode, a date with its zeros,
        a text without case, accents or extra spaces."""
        kind = field.get("type", "text")
        value = str(value).strip()
        if kind in ("phone", "postcode"):
            digits = re.sub(r"[^0-9]", "", value)
            return "0" + digits[2:] if kind == "phone" and digits.startswith("33") else digits
        if kind == "date" and DATE.match(value):
            day, month, year = DATE.match(value).groups()
            return f"{int(day):02d}/{int(month):02d}/{year}"
        if kind in ("file", "choice"):
            return value
        return " ".join(folded(value).split())

    # ------------------------------------------------------------ steps

    def start(self, scenario):
        return {
            "signed_in": None,
            "account": None,
            "answers": {},
            "submitted": None,
            "receipt": False,
            "opened": [],
            "deleted": [],
            "reported": [],
            "links": [],
        }

    def home(self, scenario, state, query):
        pages = self.pages(scenario)
        return {
            "pages": [{**p, "done": p["id"] in state["answers"]} for p in pages],
            "next": self.next_page(scenario, state),
        }

    def step_from(self, data):
        if data.get("do") == "submit":
            return {"do": "submit", "certify": data.get("certify") == "on"}
        return None

    def apply(self, scenario, state, step):
        do = step.get("do")
        new = copy.deepcopy(state)
        if do == "create_account":
            if not scenario["portal"].get("accounts"):
                raise StepRefused(_("Ce portail ne permet pas de créer un compte."))
            email = step.get("email")
            if not isinstance(email, str) or not ADDRESS.match(email) or len(email) > MAX_VALUE:
                raise StepRefused(_("Écrivez une adresse électronique complète, par exemple nom@exemple.fr."), "email")
            new.update(account=email, signed_in="account")
            return new
        if do == "sign_in":
            if step.get("via") != "provider" or not scenario.get("provider"):
                raise StepRefused(_("Action inconnue."))
            new["signed_in"] = "provider"
            return new
        if not state["signed_in"]:
            raise StepRefused(_("Identifiez-vous d'abord."))
        if do == "fill":
            return self._fill(scenario, state, new, step)
        if do == "submit":
            if state["submitted"]:
                raise StepRefused(_("Cette demande est déjà envoyée."))
            missing = self.next_page(scenario, state)
            if missing is not None:
                raise StepRefused(_("L'étape « %(page)s » n'est pas encore remplie.") % {"page": missing["title"]})
            if step.get("certify") is not True:
                raise StepRefused(_("Cochez la case « Je certifie… » pour envoyer la demande."), "certify")
            new["submitted"] = self.receipt_number(scenario, state)
            return new
        if do == "download_receipt":
            if not state["submitted"]:
                raise StepRefused(_("La demande n'est pas encore envoyée : il n'y a pas encore de récépissé."))
            new["receipt"] = True
            return new
        raise StepRefused(_("Action inconnue."))

    def _fill(self, scenario, state, new, step):
        if state["submitted"]:
            raise StepRefused(_("Cette demande est déjà envoyée : elle ne peut plus être modifiée."))
        page = self.page(scenario, step.get("page"))
        if page is None:
            raise StepRefused(_("Cette étape n'existe pas."))
        pages = self.pages(scenario)
        before = pages[: pages.index(page)]
        missing = next((p for p in before if p["id"] not in state["answers"]), None)
        if missing is not None:
            raise StepRefused(_("Remplissez d'abord l'étape « %(page)s ».") % {"page": missing["title"]})
        values = step.get("values")
        fields = {f["id"]: f for f in page["fields"]}
        if not isinstance(values, dict) or set(values) != set(fields):
            raise StepRefused(_("Réponses illisibles : remplissez le formulaire de cette étape."))
        for ident, field in fields.items():
            error = self.field_error(scenario, field, values[ident])
            if error:
                raise StepRefused(error, ident)
        new["answers"][page["id"]] = {ident: value.strip() for ident, value in values.items()}
        return new

    def after(self, step):
        return ("summary",)

    def done(self, step):
        return _("Demande envoyée (dans la simulation seulement).")

    def describe(self, scenario, step):
        if not isinstance(step, dict):
            return _("Action inconnue")
        do = step.get("do")
        if do == "create_account":
            return _("Crée un compte sur le portail avec l'adresse %(email)s") % {"email": step.get("email")}
        if do == "sign_in":
            return _("S'identifie avec %(provider)s") % {"provider": (scenario.get("provider") or {}).get("name", "?")}
        if do == "fill":
            page = self.page(scenario, step.get("page")) or {}
            return _("Remplit l'étape « %(page)s »") % {"page": page.get("title", "?")}
        if do == "submit":
            return _("Envoie la demande")
        if do == "download_receipt":
            return _("Télécharge le récépissé")
        return _("Action inconnue")

    # ------------------------------------------------------------ expectations

    def answer(self, scenario, state, field_id):
        return next((values[field_id] for values in state["answers"].values() if field_id in values), None)

    def expect_signed_in(self, scenario, state, steps, e):
        return bool(state["signed_in"]) and e.get("via", state["signed_in"]) == state["signed_in"]

    def expect_account_created(self, scenario, state, steps, e):
        return state["account"] is not None and folded(e.get("email", state["account"])) == folded(state["account"])

    def expect_answer(self, scenario, state, steps, e):
        field = self.field(scenario, e["field"])
        given = self.answer(scenario, state, e["field"])
        return given is not None and self.normal(field, given) == self.normal(field, e["value"])

    def expect_document(self, scenario, state, steps, e):
        return self.answer(scenario, state, e["field"]) == e["document"]

    def expect_submitted(self, scenario, state, steps, e):
        return bool(state["submitted"])

    def expect_not_submitted(self, scenario, state, steps, e):
        return not state["submitted"]

    def expect_receipt_downloaded(self, scenario, state, steps, e):
        return state["receipt"]
