"""Personal data (RGPD art. 15, 17 and 20): what Tremplin keeps about a person, exported and erased.

Each app registers one provider (in its AppConfig.ready) that knows its own models, so this module
imports no app above accounts. A provider returns `Section`s: the records of one model that concern
the person, readable by a person, with the files that go with them. The export is a zip: a JSON
index (`donnees.json`), the files, and a README in French (`LISEZMOI.txt`).

Erasing is deleting the account: every row that belongs to the person goes with it (CASCADE), and
the rows where the person only acted on someone else's work (a trainer's override or comment) keep
the action without the name (SET_NULL). Providers add what a foreign key cannot reach (rows keyed
by username, copies of a name) in `erase`, and files go with their rows (config.files).
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

PROVIDERS = []


@dataclass
class Section:
    """The records of one model that concern a person."""

    key: str  # the section's name in donnees.json
    title: str  # what it is, in French, for the README
    model: str  # the model label ("exercises.Submission")
    records: list = field(default_factory=list)  # dicts with at least "id"
    files: list = field(default_factory=list)  # (path in the zip, bytes)


def register(provider):
    """A provider has `export(user) -> [Section]` and may have `erase(user)` (called before the account is deleted)."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def sections(user):
    return [section for provider in PROVIDERS for section in provider.export(user)]


def _json_default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return None
    return str(value)


README = """Vos données sur Tremplin
========================

Ce dossier contient tout ce que Tremplin garde sur vous, au {date}, pour le compte « {username} ».
Vous pouvez le garder, le lire ou le donner à un autre service (droit d'accès et droit à la portabilité,
RGPD articles 15 et 20).

- donnees.json : toutes vos données, rangées par rubrique. Chaque rubrique a un nom, une explication
  et la liste de ses éléments. Les dates sont écrites au format international (année-mois-jour, heure).
  Le champ « id » est le numéro de l'élément dans Tremplin.
- fichiers/ : les fichiers qui vont avec : le travail que vous avez envoyé, les captures de vos pages,
  les pièces jointes des observations de vos formateurs.

Les rubriques :
{sections}

Pour faire corriger une erreur ou supprimer votre compte : page « Mes données » de Tremplin, ou demandez
à votre formateur ou à votre médiateur. Les détails des tests cachés des exercices ne sont pas donnés ici :
ils servent à noter et restent connus des seuls formateurs.
"""


def export_zip(user):
    """The person's data as a zip (bytes): donnees.json, LISEZMOI.txt and fichiers/."""
    found = sections(user)
    now = timezone.localtime()
    index = {
        "exported_at": now,
        "username": user.username,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "model": s.model,
                "count": len(s.records),
                "records": s.records,
                "files": [path for path, _content in s.files],
            }
            for s in found
        ],
    }
    lines = "\n".join(f"- {s.key} ({len(s.records)}) : {s.title}" for s in found)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "LISEZMOI.txt", README.format(date=now.strftime("%d/%m/%Y %H:%M"), username=user.username, sections=lines)
        )
        archive.writestr("donnees.json", json.dumps(index, ensure_ascii=False, indent=2, default=_json_default))
        for section in found:
            for path, content in section.files:
                archive.writestr(path, content)
    return buffer.getvalue()


def erase(user):
    """What no foreign key reaches, before the account itself is deleted (in the caller's transaction)."""
    for provider in PROVIDERS:
        if hasattr(provider, "erase"):
            provider.erase(user)


def stored_file(field_file):
    """The bytes of a stored file, or None if it is gone."""
    if not field_file or not field_file.name:
        return None
    try:
        with field_file.storage.open(field_file.name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


class AccountData:
    """accounts: the account, groups and cohorts, login cards, deletion requests, login attempts, admin actions."""

    def export(self, user):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth import get_user_model

        from .models import Cohort, CohortInvitation, DeletionRequest, LoginLink

        User = get_user_model()
        account = {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": user.role,
            "site": user.site and user.site.name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "shares_progress_with_mediator": user.shares_progress,
            "sharing_asked_at": user.sharing_asked_at,
            "is_active": user.is_active,
            "password": "(gardé chiffré : Tremplin ne le connaît pas)",
            "recovery_code": "(gardé chiffré : Tremplin ne le connaît pas)" if user.recovery_code else "",
        }
        learner_of = Cohort.learners.through.objects.filter(user=user).select_related("cohort__site")
        trainer_of = Cohort.trainers.through.objects.filter(user=user).select_related("cohort__site")
        groups = User.groups.through.objects.filter(user=user).select_related("group")
        permissions = User.user_permissions.through.objects.filter(user=user).select_related("permission")

        def log(rows):
            return [
                {"id": a.pk, "at": a.attempt_time, "ip_address": a.ip_address, "browser": a.user_agent} for a in rows
            ]

        from notifications import selectors as notification_selectors

        notifications = [
            Section(
                "notifications",
                "Les notifications qui vous ont été adressées",
                "notifications.Notification",
                notification_selectors.for_export(user),
            ),
            Section(
                "notifications_par_courriel",
                "Si vous recevez aussi les notifications par courriel",
                "notifications.Preference",
                notification_selectors.preferences_for_export(user),
            ),
        ]
        return [
            *notifications,
            Section(
                "compte",
                "Votre compte : nom, rôle, lieu, dates (le mot de passe n'est connu de personne)",
                "accounts.User",
                [account],
            ),
            Section(
                "promos_apprenant",
                "Les promos et groupes d'atelier dont vous faites partie",
                "accounts.Cohort_learners",
                [{"id": m.pk, "cohort": m.cohort.name, "site": m.cohort.site.name} for m in learner_of],
            ),
            Section(
                "promos_formateur",
                "Les promos et groupes que vous animez",
                "accounts.Cohort_trainers",
                [{"id": m.pk, "cohort": m.cohort.name, "site": m.cohort.site.name} for m in trainer_of],
            ),
            Section(
                "invitations",
                "Les invitations à rejoindre un groupe : reçues, et envoyées par vous",
                "accounts.CohortInvitation",
                [
                    {
                        "id": i.pk,
                        "cohort": i.cohort.name,
                        "created_at": i.created_at,
                        "for_you": i.user_id == user.pk,
                        "sent_by_you": i.invited_by_id == user.pk,
                    }
                    for i in (
                        CohortInvitation.objects.filter(user=user) | CohortInvitation.objects.filter(invited_by=user)
                    ).select_related("cohort")
                ],
            ),
            Section(
                "groupes",
                "Vos groupes de droits (administration)",
                "accounts.User_groups",
                [{"id": m.pk, "group": m.group.name} for m in groups],
            ),
            Section(
                "permissions",
                "Vos droits particuliers (administration)",
                "accounts.User_user_permissions",
                [{"id": m.pk, "permission": m.permission.codename} for m in permissions],
            ),
            Section(
                "cartes_de_connexion",
                "Vos cartes de connexion : création, utilisation, révocation (le code lui-même n'est pas gardé)",
                "accounts.LoginLink",
                [
                    {
                        "id": link.pk,
                        "created_at": link.created_at,
                        "expires_at": link.expires_at,
                        "used_at": link.used_at,
                        "revoked_at": link.revoked_at,
                        "created_by_you": link.created_by_id == user.pk and link.user_id != user.pk,
                    }
                    for link in LoginLink.objects.filter(user=user) | LoginLink.objects.filter(created_by=user)
                ],
            ),
            Section(
                "demandes_de_suppression",
                "Vos demandes de suppression de compte, et celles que vous avez traitées",
                "accounts.DeletionRequest",
                [
                    {
                        "id": r.pk,
                        "requested_at": r.requested_at,
                        "status": r.status,
                        "reason": r.reason if r.user_id == user.pk else "",
                        "processed_at": r.processed_at,
                        "processed_by_you": r.processed_by_id == user.pk,
                    }
                    for r in DeletionRequest.objects.filter(user=user)
                    | DeletionRequest.objects.filter(processed_by=user)
                ],
            ),
            Section(
                "connexions",
                "Le journal de vos connexions (date, adresse réseau, navigateur)",
                "axes.AccessLog",
                log(AccessLog.objects.filter(username=user.username)),
            ),
            Section(
                "essais_de_connexion",
                "Les essais de connexion à votre compte qui ont échoué, en cours de décompte",
                "axes.AccessAttempt",
                log(AccessAttempt.objects.filter(username=user.username)),
            ),
            Section(
                "echecs_de_connexion",
                "Le journal des échecs de connexion à votre compte",
                "axes.AccessFailureLog",
                log(AccessFailureLog.objects.filter(username=user.username)),
            ),
            Section(
                "administration",
                "Vos actions dans l'administration du site",
                "admin.LogEntry",
                [
                    {"id": e.pk, "at": e.action_time, "object": e.object_repr, "change": e.get_change_message()}
                    for e in LogEntry.objects.filter(user=user)
                ],
            ),
        ]

    def erase(self, user):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        from .models import DeletionRequest

        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username=user.username).delete()
        # The request stays as a record that a deletion was made and when; not who asked, nor why.
        DeletionRequest.objects.filter(user=user).update(username="", reason="")
