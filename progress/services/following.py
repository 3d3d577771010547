"""Who follows what: the qualifications a cohort's learners, or one learner, follow."""

from django.db.models import Q

from ..models import Qualification


def cohort_follow(*, cohort, codes):
    """The cohort's learners follow these qualifications (unknown codes are ignored)."""
    for qualification in Qualification.objects.filter(code__in=codes):
        qualification.cohorts.add(cohort)


def cohort_follows_any(cohort):
    """Whether the cohort follows a qualification (else its competence dashboard has nothing to show)."""
    return Qualification.objects.filter(cohorts=cohort).exists()


def qualifications_for(user):
    return list(Qualification.objects.filter(Q(learners=user) | Q(cohorts__learners=user)).distinct().order_by("code"))
