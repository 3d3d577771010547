"""Accounts: people, roles, cohorts, login cards and personal data: access checks and writes
(reads that need only this app's models: accounts.selectors)."""

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from notifications import services as notifications

from . import personal_data, selectors
from .models import Cohort, CohortInvitation, DeletionRequest, LoginLink, Role, hash_token

LOGIN_LINK_LIFETIME = timedelta(days=30)

# Short, common French words without accents, easy to type on a phone. Three of them and a
# three-digit number: 128³ × 900 ≈ 1.9·10⁹ passwords (at least 10⁹, tested), while
# login failures are limited per account and per network address (settings.AXES_*).
WORDS = [
    "abeille",
    "ananas",
    "arbre",
    "avion",
    "balle",
    "bambou",
    "banane",
    "bateau",
    "biscuit",
    "bougie",
    "bouton",
    "cactus",
    "cadeau",
    "camion",
    "canard",
    "carotte",
    "castor",
    "cerf",
    "cerise",
    "chaise",
    "chameau",
    "chapeau",
    "chat",
    "chemin",
    "cheval",
    "citron",
    "colline",
    "coquille",
    "couronne",
    "crayon",
    "dauphin",
    "dinde",
    "domino",
    "dragon",
    "ecole",
    "epice",
    "etoile",
    "farine",
    "fenetre",
    "feuille",
    "fleur",
    "flocon",
    "foret",
    "fourmi",
    "fraise",
    "fromage",
    "fusee",
    "gateau",
    "gazelle",
    "girafe",
    "glace",
    "guitare",
    "hamac",
    "hibou",
    "igloo",
    "jardin",
    "jouet",
    "journal",
    "kiwi",
    "lama",
    "lampe",
    "lapin",
    "lavande",
    "lion",
    "livre",
    "loup",
    "lune",
    "maison",
    "marmotte",
    "marron",
    "melon",
    "miel",
    "montagne",
    "moulin",
    "mouton",
    "navet",
    "noisette",
    "nuage",
    "olive",
    "orange",
    "ours",
    "palmier",
    "panda",
    "panier",
    "papillon",
    "perle",
    "phoque",
    "piano",
    "pigeon",
    "plage",
    "pluie",
    "poire",
    "poivre",
    "pomme",
    "poney",
    "potiron",
    "prune",
    "radis",
    "renard",
    "renne",
    "requin",
    "riviere",
    "robot",
    "rocher",
    "ruche",
    "sable",
    "salade",
    "sapin",
    "sardine",
    "singe",
    "soleil",
    "tambour",
    "tapis",
    "tigre",
    "tomate",
    "tortue",
    "toupie",
    "train",
    "tulipe",
    "vache",
    "vague",
    "valise",
    "velo",
    "violon",
    "voilier",
    "voiture",
    "yaourt",
    "zebre",
]
PASSWORD_NUMBERS = range(100, 1000)


def easy_password():
    return "-".join(secrets.choice(WORDS) for _ in range(3)) + f"-{secrets.choice(PASSWORD_NUMBERS)}"


def _username_from(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = slugify(ascii_name).replace("-", ".")[:30] or "apprenant"
    User = get_user_model()
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


# ---------------------------------------------------------------- access


def access_cohort(user, pk):
    """A cohort its trainer (or a coordinator) may manage: 404 for anyone else."""
    cohort = Cohort.objects.select_related("site").filter(pk=pk).first()
    if cohort is None or not (user.is_coordinator or cohort.trainers.filter(pk=user.pk).exists()):
        raise Http404
    return cohort


def access_member(cohort, learner_pk):
    """A learner of a cohort the user manages (`access_cohort` checked that), for managing the group: their
    card, their name, their membership. Seeing their work is `access_learner`'s rule, stricter for mediators."""
    learner = cohort.learners.filter(pk=learner_pk).first()
    if learner is None:
        raise Http404
    return learner


def access_learner(user, cohort, learner_pk):
    """A learner of a cohort the user manages, whose work the user may see (`may_see_learner_work`): 404 otherwise."""
    learner = cohort.learners.filter(pk=learner_pk).first()
    if learner is None or not may_see_learner_work(user, learner):
        raise Http404
    return learner


def may_see_learner_work(viewer, learner):
    """The one rule for « may this person see this learner's work » (submissions, results, files,
    progress, attestations): the learner, a coordinator, a trainer of one of the learner's cohorts,
    or a mediator of one of their groups if the learner agreed to share (`shares_progress`)."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == learner.pk or viewer.is_coordinator:
        return True
    if viewer.role == Role.MEDIATOR and not learner.shares_progress:
        return False
    return viewer.is_trainer and Cohort.objects.filter(trainers=viewer, learners=learner).exists()


def in_charge_of(viewer, learner):
    """Whether `viewer` trains or runs a group of `learner` (not whether they may see the learner's work:
    that is `may_see_learner_work`; following a simulation live also needs the learner's agreement)."""
    return viewer.is_trainer and Cohort.objects.filter(trainers=viewer, learners=learner).exists()


def learners_in_charge(viewer):
    """The learners of the groups `viewer` trains or runs."""
    if not viewer.is_trainer:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        pk__in=Cohort.learners.through.objects.filter(cohort__trainers=viewer).values("user_id")
    )


def learners_visible_to(viewer):
    """The same rule as `may_see_learner_work`, as a queryset of the people whose work `viewer` may see."""
    people = get_user_model().objects.all()
    if viewer.is_coordinator:
        return people
    if not viewer.is_trainer:
        return people.filter(pk=viewer.pk)
    visible = people.filter(pk__in=Cohort.learners.through.objects.filter(cohort__trainers=viewer).values("user_id"))
    return visible.filter(shares_progress=True) if viewer.role == Role.MEDIATOR else visible


def cohorts_for_staff(user):
    qs = Cohort.objects.select_related("site").order_by("name")
    if user.is_coordinator:
        return qs
    if user.is_trainer:
        return qs.filter(trainers=user)
    raise PermissionDenied


def sharing_set(*, user, shares):
    """A learner lets the mediators of their groups see their achievements, or stops (and is not asked again)."""
    now = timezone.now()
    get_user_model().objects.filter(pk=user.pk).update(shares_progress=bool(shares), sharing_asked_at=now)
    user.shares_progress, user.sharing_asked_at = bool(shares), now


def accompanied_people(mediator):
    """The learners of the mediator's groups who agreed to share their achievements."""
    return list(learners_visible_to(mediator).exclude(pk=mediator.pk).order_by("first_name", "username"))


# ---------------------------------------------------------------- accounts


def network_failures(ip_address):
    """Failed logins from one network address, all usernames together, within the lock-out period."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Sum

    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed again


def _normal_code(text):
    return "".join(ch for ch in (text or "").upper() if ch in RECOVERY_ALPHABET)


def recovery_code_issue(*, user):
    """A new recovery code (12 characters, about 59 bits) for the person, replacing the previous one;
    only its hash is kept. Returned once, to be shown and printed."""
    import secrets

    from django.contrib.auth.hashers import make_password

    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(12))
    user.recovery_code = make_password(raw)
    user.save(update_fields=["recovery_code"])
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def recovery_code_reset(*, username, code, password):
    """Set a new password with the recovery code: (user, new recovery code), or None. The code is
    used once: a new one replaces it."""
    from django.contrib.auth.hashers import check_password

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    raw = _normal_code(code)
    if user is None or not user.recovery_code or len(raw) != 12 or not check_password(raw, user.recovery_code):
        return None
    user.set_password(password)
    user.save(update_fields=["password"])
    return user, recovery_code_issue(user=user)


def user_rename(*, user, first_name, last_name):
    """A name corrected by the person or by their trainer (cards and attestations use it)."""
    user.first_name, user.last_name = first_name.strip()[:150], last_name.strip()[:150]
    user.save(update_fields=["first_name", "last_name"])


def user_signup(*, username, password, email="", first_name=""):
    """A resident creates their own account; no e-mail address needed."""
    return get_user_model().objects.create_user(
        username=username, password=password, email=email or "", first_name=first_name, role=Role.RESIDENT
    )


@dataclass
class LoginCard:
    user: object
    password: str
    token: str


def login_link_create(*, user, created_by):
    token = LoginLink.new_token()
    LoginLink.objects.create(
        user=user,
        token_hash=hash_token(token),
        created_by=created_by,
        expires_at=timezone.now() + LOGIN_LINK_LIFETIME,
    )
    return token


def login_link_use(token):
    """Consume a one-time link; returns its user, or None if unknown, used, revoked or expired."""
    link = LoginLink.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if link is None or not link.is_usable or not link.user.is_active:
        return None
    claimed = LoginLink.objects.filter(pk=link.pk, used_at__isnull=True, revoked_at__isnull=True).update(
        used_at=timezone.now()
    )
    return link.user if claimed else None


def login_links_revoke(*, user):
    """Revoke every pending login link of a learner."""
    return LoginLink.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def login_card_revoke(*, learner, by):
    """A lost card: everything printed on it stops working. Its QR link is revoked, its password
    replaced by an unusable one, and the learner's open sessions end (Django checks a session
    against a hash of the password). The trainer prints a new card when the learner is back."""
    with transaction.atomic():
        links = login_links_revoke(user=learner)
        learner.set_unusable_password()
        learner.save(update_fields=["password"])
    return links


def login_card_issue(*, learner, by):
    """A new password and a new one-time link for a learner; older links are revoked."""
    password = easy_password()
    with transaction.atomic():
        learner.set_password(password)
        learner.save(update_fields=["password"])
        login_links_revoke(user=learner)
        token = login_link_create(user=learner, created_by=by)
    return LoginCard(user=learner, password=password, token=token)


def learners_create(*, cohort, names, by):
    """Create one learner account per name, add them to the cohort, and return their login cards.

    Learners created by a mediator are residents; by a trainer, trainees.
    """
    role = Role.RESIDENT if by.role == Role.MEDIATOR else Role.TRAINEE
    User = get_user_model()
    cards = []
    with transaction.atomic():
        for name in names:
            parts = name.split(maxsplit=1)
            user = User(
                username=_username_from(name),
                first_name=parts[0][:150],
                last_name=(parts[1] if len(parts) > 1 else "")[:150],
                role=role,
                site=cohort.site,
            )
            user.set_unusable_password()
            user.save()
            cohort.learners.add(user)
            cards.append(login_card_issue(learner=user, by=by))
    return cards


def learner_remove(*, cohort, learner, by):
    """Take a learner out of a cohort (a duplicate, a person who left): the account, its work and
    its progress stay; the cohort's trainers no longer follow it through this cohort."""
    cohort.learners.remove(learner)


def cohort_create(*, name, site, trainer, kind=None, start_date=None, end_date=None):
    if not kind:  # a mediator's group is a workshop, a trainer's a promo
        kind = Cohort.Kind.WORKSHOP if trainer.role == Role.MEDIATOR else Cohort.Kind.PROMO
    cohort = Cohort.objects.create(name=name, kind=kind, site=site, start_date=start_date, end_date=end_date)
    cohort.trainers.add(trainer)
    return cohort


# ---------------------------------------------------------------- joining a group


class JoinRefused(Exception):
    """Why a person cannot join, or be invited to, a group (a sentence for people)."""


JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed on a phone
JOIN_CODE_LENGTH = 6  # 31⁶ ≈ 8.9·10⁸ codes, with JOIN_TRIES_PER_HOUR wrong tries per person
JOIN_CODE_LIFETIME = timedelta(days=7)
JOIN_TRIES_PER_HOUR = 10


def join_code_issue(*, cohort):
    """A new code to join the group, valid JOIN_CODE_LIFETIME (the previous one stops working)."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not Cohort.objects.filter(join_code=code).exists():
            break
    cohort.join_code, cohort.join_code_expires_at = code, timezone.now() + JOIN_CODE_LIFETIME
    cohort.save(update_fields=["join_code", "join_code_expires_at"])
    return code


def join_code_revoke(*, cohort):
    cohort.join_code, cohort.join_code_expires_at = "", None
    cohort.save(update_fields=["join_code", "join_code_expires_at"])


def cohort_by_join_code(*, user, code):
    """The group whose code a person typed (case, spaces and dashes ignored). JoinRefused when the
    code is unknown or expired, or after JOIN_TRIES_PER_HOUR wrong codes in an hour (guessing)."""
    tries_key = f"join-code-tries:{user.pk}"
    if cache.get(tries_key, 0) >= JOIN_TRIES_PER_HOUR:
        raise JoinRefused(
            _(
                "Trop de codes erronés : réessayez dans une heure, ou demandez de l’aide à la personne qui anime le "
                "groupe."
            )
        )
    normal = re.sub(r"[\s-]", "", code or "").upper()
    cohort = None
    if normal:
        cohort = (
            Cohort.objects.filter(join_code=normal, join_code_expires_at__gt=timezone.now())
            .select_related("site")
            .first()
        )
    if cohort is None:
        cache.set(tries_key, cache.get(tries_key, 0) + 1, 3600)
        raise JoinRefused(
            _(
                "Ce code ne correspond à aucun groupe, ou il n’est plus valable : vérifiez-le auprès de la personne "
                "qui anime le groupe."
            )
        )
    _check_can_join(user, cohort)
    return cohort


def _check_can_join(user, cohort):
    if not user.is_learner:
        raise JoinRefused(_("Seuls les comptes d’apprenants peuvent rejoindre un groupe."))
    if cohort.learners.filter(pk=user.pk).exists():
        raise JoinRefused(_("Vous faites déjà partie du groupe « %(name)s ».") % {"name": cohort.name})


def cohort_invite(*, cohort, username, by):
    """Ask a person who already has an account to join the group: they accept or decline at their
    next login. The same ending as a code typed by the person: cohort_join."""
    user = get_user_model().objects.filter(username__iexact=(username or "").strip()).first()
    if user is None:
        raise JoinRefused(_("Aucun compte n’a l’identifiant « %(username)s ».") % {"username": username})
    if not user.is_learner:
        raise JoinRefused(_("« %(username)s » n’est pas un compte d’apprenant.") % {"username": user.username})
    if cohort.learners.filter(pk=user.pk).exists():
        raise JoinRefused(_("%(name)s fait déjà partie du groupe.") % {"name": user.display_name})
    invitation, _created = CohortInvitation.objects.get_or_create(cohort=cohort, user=user, defaults={"invited_by": by})
    return invitation


def cohort_join(*, user, cohort, shares_progress=None):
    """The person confirmed (typed the group's code, or accepted an invitation): they join the group.
    Their answer to « may the group's mediators see your progress? » is kept when it was asked."""
    _check_can_join(user, cohort)
    with transaction.atomic():
        cohort.learners.add(user)
        CohortInvitation.objects.filter(cohort=cohort, user=user).delete()
        if shares_progress is not None:
            sharing_set(user=user, shares=shares_progress)
    return cohort


def invitation_decline(*, user, pk):
    CohortInvitation.objects.filter(pk=pk, user=user).delete()


# ---------------------------------------------------------------- personal data


def deletion_request_create(*, user, reason=""):
    pending = user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()
    if pending:
        return pending
    created = DeletionRequest.objects.create(user=user, username=user.username, reason=reason)
    notifications.notify(
        recipients=selectors.coordinators(),
        kind=notifications.Kind.DELETION,
        url=reverse("accounts:deletion_requests"),
        key="deletion",
    )
    return created


def deletion_request_process(*, request, by, accept, comment=""):
    """A coordinator deletes the account and everything attached to it, or refuses with a reason."""
    if not by.is_coordinator:
        raise PermissionDenied
    with transaction.atomic():
        claimed = DeletionRequest.objects.filter(pk=request.pk, status=DeletionRequest.Status.PENDING).update(
            status=DeletionRequest.Status.DONE if accept else DeletionRequest.Status.REFUSED,
            processed_at=timezone.now(),
            processed_by=by,
            comment=comment,
        )
        if claimed and accept and request.user_id:
            person = get_user_model().objects.get(pk=request.user_id)
            personal_data.erase(person)  # what no foreign key reaches: login logs, the request's own copy of the name
            # Everything else goes with the account (CASCADE), or keeps the action without the name (SET_NULL).
            person.delete()
    return bool(claimed)
