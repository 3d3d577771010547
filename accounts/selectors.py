"""Accounts, read-only: what other apps and the views read about people, groups and their members.

A selector queries and returns, writes nothing, and imports only this app's models (Django and the
standard library aside): writes, access checks (`access_*`, `may_see_learner_work`) and the rest stay
in accounts.services (tests/test_selectors.py)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Cohort, CohortInvitation, Role

# ---------------------------------------------------------------- cohorts


def duplicate_names(*, cohort, names):
    """The names listed twice, or already those of a learner of the cohort (case and spaces ignored)."""

    def normal(name):
        return " ".join(name.casefold().split())

    seen, repeated = set(), []
    existing = {normal(f"{first} {last}") for first, last in cohort.learners.values_list("first_name", "last_name")}
    for name in names:
        key = normal(name)
        if (key in seen or key in existing) and name not in repeated:
            repeated.append(name)
        seen.add(key)
    return repeated


def join_code_active(cohort):
    return (
        bool(cohort.join_code)
        and cohort.join_code_expires_at is not None
        and cohort.join_code_expires_at > timezone.now()
    )


def has_mediator(cohort):
    return cohort.trainers.filter(role=Role.MEDIATOR).exists()


# ---------------------------------------------------------------- joining a group


def questions_for(user):
    """What to ask a learner after they sign in: pending invitations, and whether the mediators of
    their groups may see their progress (asked once, when a mediator runs one of their groups)."""
    if not user.is_authenticated or not user.is_learner:
        return {}
    invitations = list(
        CohortInvitation.objects.filter(user=user).select_related("cohort__site", "invited_by").order_by("created_at")
    )
    sharing = (
        user.sharing_asked_at is None
        and not user.shares_progress
        and Cohort.objects.filter(learners=user, trainers__role=Role.MEDIATOR).exists()
    )
    questions = {}
    if invitations:
        questions["invitations"] = invitations
    if sharing:
        questions["sharing"] = True
    return questions


# ---------------------------------------------------------------- indicators


def groups_of_learners(dimension):
    """For aggregate indicators: ({group id: name}, {group id: set of learner ids}) by site or cohort."""
    from .models import Cohort, Role, Site

    learner_roles = [Role.RESIDENT, Role.TRAINEE]
    if dimension == "site":
        names = dict(Site.objects.values_list("pk", "name"))
        members = {}
        for site_id, user_id in (
            get_user_model().objects.filter(role__in=learner_roles, site__isnull=False).values_list("site_id", "pk")
        ):
            members.setdefault(site_id, set()).add(user_id)
        return names, members
    names = dict(Cohort.objects.values_list("pk", "name"))
    members = {}
    for cohort_id, user_id in Cohort.learners.through.objects.values_list("cohort_id", "user_id"):
        members.setdefault(cohort_id, set()).add(user_id)
    return names, members


def group_sizes(dimension):
    """For aggregate indicators: ({group id: name}, {group id: number of learners}) by site or cohort."""
    from django.db.models import Count, Q

    from .models import Cohort, Role, Site

    if dimension == "site":
        rows = Site.objects.annotate(
            n=Count("people", filter=Q(people__role__in=[Role.RESIDENT, Role.TRAINEE]))
        ).values_list("pk", "name", "n")
    else:
        rows = Cohort.objects.annotate(n=Count("learners", distinct=True)).values_list("pk", "name", "n")
    rows = list(rows)
    return {pk: name for pk, name, _n in rows}, {pk: n for pk, _name, n in rows}


def _staff_of(learner):
    people = get_user_model().objects.filter(trained_cohorts__learners=learner, is_active=True)
    return people if learner.shares_progress else people.exclude(role=Role.MEDIATOR)


def staff_of(learner):
    """Who follows this learner's work, by `accounts.services.may_see_learner_work`'s rule: the trainers
    of their cohorts, and the mediators of their groups if the learner agreed to share."""
    return list(_staff_of(learner).distinct())


def has_staff(learner):
    """Whether someone follows this learner's work (someone to ask for help)."""
    return _staff_of(learner).exists()


def coordinators():
    return list(get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True))
