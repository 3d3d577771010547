"""Trainers' decisions: validations, their withdrawal, observations (with their files)."""

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from config.files import files_removed_on_failure
from conversations.services import Subject
from notifications import services as notifications

from ..models import Competence, CompetenceProgress, Evidence, ProgressEvent, State
from ._common import _activity_track, record_activity
from .following import qualifications_for
from .updates import refresh, update_block_readiness


def competence_validate(*, user, competence, by, comment="", at=None):
    """A trainer confirms a competence (as in an in-training assessment)."""
    with transaction.atomic():
        progress, _ = CompetenceProgress.objects.select_for_update().get_or_create(user=user, competence=competence)
        before = progress.state
        progress.validated_at, progress.validated_by, progress.validation_comment = at or timezone.now(), by, comment
        progress.state = State.VALIDATED
        if progress.acquired_at is None:
            progress.acquired_at = progress.validated_at
            record_activity(user.pk, progress.acquired_at, _activity_track(user.pk, progress.acquired_at), acquired=1)
        progress.save()
        update_block_readiness(user.pk, [competence.block_id])
        ProgressEvent.objects.create(
            user=user, competence=competence, from_state=before, to_state=State.VALIDATED, actor=by, reason=comment
        )
        _tell_learner(user, competence, by, notifications.Kind.VALIDATED)
    return progress


def _tell_learner(user, competence, by, kind):
    notifications.notify(
        recipients=[user],
        kind=kind,
        url=reverse("progress:my_path") + f"#competence-{competence.pk}",
        title=f"{competence.code} {competence.title}",
        actor=by,
    )


def competence_invalidate(*, user, competence, by, reason):
    """Withdraw a validation, with a reason; the state falls back to what the evidence says."""
    with transaction.atomic():
        progress, _ = CompetenceProgress.objects.select_for_update().get_or_create(user=user, competence=competence)
        progress.validated_at, progress.validated_by, progress.validation_comment = None, None, ""
        progress.save()
        _tell_learner(user, competence, by, notifications.Kind.INVALIDATED)
        return refresh(user.pk, [competence.pk], actor=by, reason=reason)[0]


def observation_add(*, user, competence, by, note, file=None):
    """A trainer's observation, with an optional file (checked by the form: config.files.check_upload).
    The file is written before the row: if the row cannot be written, the file is removed."""
    evidence = Evidence(
        user=user,
        competence=competence,
        kind=Evidence.Kind.OBSERVATION,
        note=note,
        author=by,
        file=file or "",
        title=note[:300],
    )
    with files_removed_on_failure(evidence), transaction.atomic():
        evidence.save()
        refresh(user.pk, [competence.pk])
    return evidence


def access_evidence_file(user, pk):
    """An observation's file, for whoever may see the learner's work (accounts' one rule); 404 otherwise."""
    from accounts import services as accounts_services

    evidence = Evidence.objects.select_related("user").filter(pk=pk).exclude(file="").first()
    if evidence is None or not accounts_services.may_see_learner_work(user, evidence.user):
        raise Http404
    return evidence


def competence_subject(viewer, learner, pk):
    """A competence's thread for one learner: a competence of a qualification the learner follows; its
    page is « Mon parcours » for the learner, the learner's page in one of the viewer's cohorts otherwise."""
    competence = Competence.objects.select_related("block__qualification").filter(pk=pk).first()
    if competence is None or competence.block.qualification not in qualifications_for(learner):
        raise Http404
    if viewer.pk == learner.pk:
        url = reverse("progress:my_path")
    else:
        cohort = accounts_services.cohorts_for_staff(viewer).filter(learners=learner).first()
        url = reverse("progress:learner_detail", args=[cohort.pk, learner.pk]) if cohort else reverse("home")
    return Subject("competence", competence.pk, learner, str(competence), f"{url}#competence-{competence.pk}")
