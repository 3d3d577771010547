"""Buying online: sites found by a search, a product page, a cart, and a payment page — among the sites,
a fraudulent one to recognise (an odd address, urgency, a price too good) and to report rather than pay.
Nothing typed on a payment page is kept: the step only says that the learner paid, and where."""

import copy

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import MESSAGE_ID, Simulator, StepRefused


class Shop(Simulator):
    name = "shop"
    label = gettext_lazy("Achat en ligne")
    content = {"sites": ("id", "name", "address"), "products": ("id", "site", "name", "price")}
    buttons = ("add", "remove", "report_site")
    expectations = {
        "paid": (("site",), ("product",)),
        "not_paid": (("site",), ()),
        "site_reported": (("site",), ()),
        "site_not_reported": (("site",), ()),
    }

    def validate(self, scenario, problem):
        super().validate(scenario, problem)
        if not scenario.get("sites"):
            problem(_("l'achat en ligne n'a aucun site ([[sites]])"), "simulator")
        for item in scenario.get("sites", []) + scenario.get("products", []):
            if isinstance(item.get("id"), str) and not MESSAGE_ID.match(item["id"]):
                problem(
                    _("identifiant « %(id)s » : lettres minuscules, chiffres et tirets seulement") % {"id": item["id"]},
                    item["id"],
                )
        for product in scenario.get("products", []):
            if self.site(scenario, product.get("site")) is None:
                problem(_("produit « %(id)s » : site inconnu") % {"id": product.get("id")}, product.get("id", ""))

    def validate_expectation(self, scenario, expectation, problem):
        super().validate_expectation(scenario, expectation, problem)
        if "site" in expectation and self.site(scenario, expectation["site"]) is None:
            problem(_("site inconnu : « %(id)s »") % {"id": expectation["site"]}, "site")
        if "product" in expectation and self.product(scenario, expectation["product"]) is None:
            problem(_("produit inconnu : « %(id)s »") % {"id": expectation["product"]}, "product")

    @staticmethod
    def site(scenario, site_id):
        return next((s for s in scenario.get("sites", []) if s.get("id") == site_id), None)

    @staticmethod
    def product(scenario, product_id):
        return next((p for p in scenario.get("products", []) if p.get("id") == product_id), None)

    def cart(self, scenario, state, site_id):
        """The products in the cart of one site."""
        return [self.product(scenario, p) for p in state["cart"] if self.product(scenario, p)["site"] == site_id]

    def home(self, scenario, state, query):
        return {"sites": scenario.get("sites", [])}

    # ------------------------------------------------------------ steps

    def start(self, scenario):
        return {"cart": [], "paid": [], "sites_reported": [], "opened": [], "deleted": [], "reported": [], "links": []}

    def step_from(self, data):
        do = data.get("do", "")
        if do in ("add", "remove"):
            return {"do": do, "product": data.get("product", "")}
        if do == "report_site":
            return {"do": do, "site": data.get("site", "")}
        return None

    def apply(self, scenario, state, step):
        do = step.get("do")
        new = copy.deepcopy(state)
        if do in ("add", "remove"):
            product = self.product(scenario, step.get("product"))
            if product is None:
                raise StepRefused(_("Ce produit n'existe pas."))
            if do == "add" and product["id"] not in new["cart"]:
                new["cart"].append(product["id"])
            elif do == "remove":
                if product["id"] not in new["cart"]:
                    raise StepRefused(_("Ce produit n'est pas dans le panier."))
                new["cart"].remove(product["id"])
            return new
        site = self.site(scenario, step.get("site"))
        if site is None:
            raise StepRefused(_("Ce site n'existe pas."))
        if do == "pay":
            bought = [p["id"] for p in self.cart(scenario, state, site["id"])]
            if not bought:
                raise StepRefused(_("Le panier est vide."))
            new["paid"].append({"site": site["id"], "products": bought})
            new["cart"] = [p for p in new["cart"] if p not in bought]
            return new
        if do == "report_site":
            return self.added(state, "sites_reported", site["id"])
        raise StepRefused(_("Action inconnue."))

    def after(self, step):
        if step["do"] in ("add", "remove"):
            return ("cart",)
        return ("home",)

    def done(self, step):
        return {
            "add": _("Produit ajouté au panier."),
            "remove": _("Produit retiré du panier."),
            "report_site": _("Site signalé comme frauduleux. Merci : cela protège d'autres personnes."),
        }.get(step["do"], _("C'est fait."))

    def describe(self, scenario, step):
        if not isinstance(step, dict):
            return _("Action inconnue")
        do = step.get("do")
        if do in ("add", "remove"):
            product = self.product(scenario, step.get("product")) or {}
            text = _("Ajoute au panier : %(p)s") if do == "add" else _("Retire du panier : %(p)s")
            return text % {"p": product.get("name", "?")}
        site = self.site(scenario, step.get("site")) or {}
        if do == "pay":
            return _("Paie sur le site %(s)s (%(a)s)") % {"s": site.get("name", "?"), "a": site.get("address", "?")}
        if do == "report_site":
            return _("Signale le site %(s)s") % {"s": site.get("name", "?")}
        return _("Action inconnue")

    # ------------------------------------------------------------ expectations

    def expect_paid(self, scenario, state, steps, e):
        return any(
            order["site"] == e["site"] and e.get("product", order["products"][0]) in order["products"]
            for order in state["paid"]
        )

    def expect_not_paid(self, scenario, state, steps, e):
        return not any(order["site"] == e["site"] for order in state["paid"])

    def expect_site_reported(self, scenario, state, steps, e):
        return e["site"] in state["sites_reported"]

    def expect_site_not_reported(self, scenario, state, steps, e):
        return e["site"] not in state["sites_reported"]
