"""A simulation's forms: sending the démarche for correction (the steps come from the server, never
from the form), writing a message in the webmail, paying in the shop, and the public-service portal's
account, sign-in and form steps. Card numbers and passwords are checked, never kept."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .simulators.base import ADDRESS
from .simulators.webmail import MAX_BODY, MAX_SUBJECT


class FinishForm(forms.Form):
    """« J'ai terminé » on the exercise page: what is graded is what the platform recorded."""

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps

    def clean(self):
        data = super().clean()
        if not self.steps:
            raise ValidationError(
                _("Vous n'avez encore rien fait dans la simulation : ouvrez-la et faites la démarche d'abord."),
                code="empty",
            )
        return data


class WriteForm(forms.Form):
    to = forms.CharField(
        label=_("À"),
        max_length=1000,
        help_text=_("Une ou plusieurs adresses, séparées par des virgules."),
        error_messages={"required": _("Indiquez à qui envoyer le message.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "contacts", "inputmode": "email"}),
    )
    subject = forms.CharField(label=_("Objet"), max_length=MAX_SUBJECT, required=False)
    body = forms.CharField(
        label=_("Message"), max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    attach = forms.MultipleChoiceField(
        label=_("Joindre des fichiers de « Mes documents »"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, attachable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attach"].choices = [(name, name) for name in attachable]
        if not attachable:
            del self.fields["attach"]

    def recipients(self):
        return [address.strip() for address in self.cleaned_data["to"].replace(";", ",").split(",") if address.strip()]


class PayForm(forms.Form):
    """A payment page's form, checked as a real one would be. Its values are never stored."""

    name = forms.CharField(label=_("Nom et prénom"), max_length=100)
    address = forms.CharField(label=_("Adresse de livraison"), max_length=300)
    card = forms.RegexField(
        label=_("Numéro de carte"),
        regex=r"^[0-9 ]{13,23}$",
        error_messages={"invalid": _("Un numéro de carte a 16 chiffres (les espaces sont permis).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    expiry = forms.RegexField(
        label=_("Date d’expiration (MM/AA)"),
        regex=r"^(0[1-9]|1[0-2])/[0-9]{2}$",
        error_messages={"invalid": _("Écrivez la date comme sur la carte : 08/29.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    code = forms.RegexField(
        label=_("Cryptogramme (3 chiffres au dos)"),
        regex=r"^[0-9]{3}$",
        error_messages={"invalid": _("Le cryptogramme a 3 chiffres.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class AccountForm(forms.Form):
    """Creating an account on a simulated portal. The password is checked as a real site would and never
    kept: the step only records the address."""

    email = forms.CharField(
        label=_("Adresse électronique"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        max_length=200,
        strip=False,
        help_text=_("Au moins 12 caractères, avec des lettres et au moins un chiffre."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )
    password2 = forms.CharField(
        label=_("Le même mot de passe, une deuxième fois"),
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if not ADDRESS.match(email):
            raise ValidationError(_("Écrivez une adresse électronique complète, par exemple nom@exemple.fr."))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if len(password) < 12:
            raise ValidationError(_("Le mot de passe est trop court : au moins 12 caractères."))
        if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
            raise ValidationError(_("Le mot de passe doit avoir des lettres et au moins un chiffre."))
        return password

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") is not None and data["password"] != data["password2"]:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        return data


class SignInForm(forms.Form):
    """The simulated identity provider's sign-in: checked against the scenario's fictional account, never
    kept."""

    login = forms.CharField(
        label=_("Identifiant (adresse électronique)"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"), max_length=200, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.provider = provider

    def clean(self):
        data = super().clean()
        login, password = (data.get("login") or "").strip().lower(), data.get("password")
        if password and (login != self.provider["login"].lower() or password != self.provider["password"]):
            raise ValidationError(
                _("Identifiant ou mot de passe incorrect. Vérifiez ce que vous avez tapé (majuscules comprises)."),
                code="wrong",
            )
        return data


class PageForm(forms.Form):
    """One step of a simulated procedure's form, its fields from the scenario; each value is checked by
    the simulator, which gives the same reasons when it replays the steps."""

    def __init__(self, *args, simulator, scenario, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.simulator, self.scenario, self.page = simulator, scenario, page
        documents = simulator.documents(scenario)
        for field in page["fields"]:
            kind = field.get("type", "text")
            common = {"label": field["label"], "required": False, "help_text": field.get("help", "")}
            if kind == "choice":
                self.fields[field["id"]] = forms.ChoiceField(
                    choices=[(c, c) for c in field["choices"]], widget=forms.RadioSelect, **common
                )
            elif kind == "file":
                self.fields[field["id"]] = forms.ChoiceField(
                    choices=[(d["name"], f"{d['name']} ({d['format']}, {d['size']})") for d in documents],
                    widget=forms.RadioSelect,
                    **common,
                )
            else:
                inputmode = {"email": "email", "phone": "tel", "postcode": "numeric", "date": "numeric"}.get(kind)
                attrs = {"autocomplete": "off", **({"inputmode": inputmode} if inputmode else {})}
                self.fields[field["id"]] = forms.CharField(
                    max_length=200, strip=False, widget=forms.TextInput(attrs=attrs), **common
                )
            self.fields[field["id"]].kind = kind
            self.fields[field["id"]].accept = field.get("accept", [])

    def clean(self):
        data = super().clean()
        for field in self.page["fields"]:
            if field["id"] in self.errors:
                continue
            error = self.simulator.field_error(self.scenario, field, data.get(field["id"]) or "")
            if error:
                self.add_error(field["id"], error)
        return data

    def values(self):
        return {field["id"]: (self.cleaned_data.get(field["id"]) or "").strip() for field in self.page["fields"]}
