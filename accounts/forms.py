from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Cohort, Role, Site, User

MAX_BULK_NAMES = 60


class SignupForm(UserCreationForm):
    first_name = forms.CharField(label=_("Prénom (facultatif)"), required=False, max_length=150)
    email = forms.EmailField(
        label=_("Adresse électronique (facultative)"),
        required=False,
        help_text=_("Elle n'est pas nécessaire pour utiliser Tremplin."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "email")
        labels = {"username": _("Nom d'utilisateur")}
        help_texts = {"username": _("Lettres, chiffres et @ . + - _ uniquement. Notez-le bien.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"


class LoginForm(AuthenticationForm):
    shared_computer = forms.BooleanField(
        label=_("Je suis sur un ordinateur partagé (médiathèque, espace public, chez un proche)"),
        required=False,
        help_text=_("La session se fermera après 15 minutes sans activité et à la fermeture du navigateur."),
    )

    def clean(self):
        """Besides axes' limit per account, a limit per network address across usernames: someone
        trying many accounts from one place is stopped, a workshop of 20 people on one box is not."""
        from axes.helpers import get_client_ip_address

        from .services import network_failures

        if (
            self.request is not None
            and network_failures(get_client_ip_address(self.request)) >= settings.LOGIN_NETWORK_FAILURE_LIMIT
        ):
            raise ValidationError(
                _(
                    "Trop d'essais de connexion ont échoué depuis ce réseau. Réessayez dans 15 minutes ou demandez "
                    "une nouvelle carte de connexion à votre formateur ou médiateur."
                ),
                code="network_locked",
            )
        return super().clean()


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ("name", "kind", "site", "start_date", "end_date")
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.all()
        if user is not None and not user.is_coordinator and user.site_id:
            sites = sites.filter(pk=user.site_id)
        self.fields["site"].queryset = sites
        if user is not None and not self.instance.pk:  # a mediator's group is a workshop, a trainer's a promo
            self.fields["kind"].initial = Cohort.Kind.WORKSHOP if user.role == Role.MEDIATOR else Cohort.Kind.PROMO


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code du groupe"),
        max_length=20,
        help_text=_("Six lettres et chiffres, donnés par la personne qui anime le groupe."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "class": "mono"}
        ),
        error_messages={"required": _("Tapez le code du groupe.")},
    )


class InviteForm(forms.Form):
    username = forms.CharField(
        label=_("Identifiant de la personne"),
        max_length=150,
        help_text=_("Celui qu’elle tape pour se connecter. Elle devra accepter à sa prochaine connexion."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Indiquez l’identifiant de la personne.")},
    )


class BulkLearnersForm(forms.Form):
    names = forms.CharField(
        label=_("Noms des apprenants, un par ligne"),
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        help_text=_("Par exemple « Awa Diallo ». Un identifiant et un mot de passe seront créés pour chacun."),
        error_messages={"required": _("Indiquez au moins un nom.")},
    )
    # The form's key: sent again (a reload, a double click), it shows the cards already made.
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    allow_duplicates = forms.BooleanField(
        label=_("Créer quand même ces comptes (des personnes différentes portent le même nom)"),
        required=False,
    )

    def clean_key(self):
        key = self.cleaned_data.get("key", "")
        return key if len(key) == 32 and all(c in "0123456789abcdef" for c in key) else ""

    def clean_names(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["names"].splitlines()]
        names = [n for n in names if n]
        if not names:
            raise ValidationError(_("Indiquez au moins un nom."), code="empty")
        if len(names) > MAX_BULK_NAMES:
            raise ValidationError(
                _("%(max)s noms au plus à la fois (vous en avez indiqué %(count)s)."),
                code="too_many",
                params={"max": MAX_BULK_NAMES, "count": len(names)},
            )
        too_long = [n for n in names if len(n) > 120]
        if too_long:
            raise ValidationError(
                _("Ce nom est trop long : %(name)s"), code="too_long", params={"name": too_long[0][:40]}
            )
        return names


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (facultatif)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte, ma progression et mes travaux seront définitivement supprimés."),
    )


class DeletionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("accept", _("Supprimer le compte")), ("refuse", _("Refuser"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Commentaire"), required=False, max_length=2000)


class NameForm(forms.Form):
    """A person's name, corrected by the person or by their trainer."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("first_name") or "").strip() and not (data.get("last_name") or "").strip():
            raise ValidationError(_("Indiquez au moins un prénom ou un nom."), code="empty")
        return data


class RecoveryForm(forms.Form):
    """A new password with the recovery code given at sign-up (no e-mail needed)."""

    username = forms.CharField(
        label=_("Nom d'utilisateur"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    code = forms.CharField(
        label=_("Code de secours"),
        max_length=40,
        help_text=_("Par exemple K7QX-4MPA-9RTZ : il figure sur la feuille imprimée à la création du compte."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    password1 = forms.CharField(
        label=_("Nouveau mot de passe"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Le même mot de passe, une seconde fois"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            raise ValidationError(_("Les deux mots de passe ne sont pas identiques."), code="mismatch")
        if first:
            validate_password(first)
        return data
