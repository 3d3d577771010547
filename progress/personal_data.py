"""progress' part of a person's data (accounts.personal_data): competences, evidence, history, attestations."""

from django.db.models import Q
from django.urls import reverse

from accounts.personal_data import Section, stored_file

from .models import (
    ActivityMonth,
    Attestation,
    BlockReady,
    CompetenceProgress,
    Evidence,
    Placement,
    PositioningTest,
    ProgressEvent,
    Qualification,
)


def _file_path(evidence):
    return f"fichiers/observations/{evidence.pk}-{evidence.file.name.rsplit('/', 1)[-1]}"


class ProgressData:
    def export(self, user):
        states = (
            CompetenceProgress.objects.filter(Q(user=user) | Q(validated_by=user))
            .select_related("competence__block__qualification")
            .order_by("pk")
        )
        evidence = Evidence.objects.filter(Q(user=user) | Q(author=user)).select_related("competence").order_by("pk")
        events = ProgressEvent.objects.filter(Q(user=user) | Q(actor=user)).select_related("competence").order_by("pk")
        attestations = Attestation.objects.filter(user=user)
        enrolled = Qualification.learners.through.objects.filter(user=user).select_related("qualification")
        with_files = [e for e in evidence if e.file and e.user_id == user.pk]
        return [
            Section(
                "competences",
                "Où vous en êtes dans chaque compétence des titres que vous préparez "
                "(et les validations que vous avez données)",
                "progress.CompetenceProgress",
                [
                    {
                        "id": p.pk,
                        "competence": p.competence.code,
                        "title": p.competence.title,
                        "state": p.state,
                        "score": p.score,
                        "acquired_at": p.acquired_at,
                        "validated_at": p.validated_at,
                        "validation_comment": p.validation_comment,
                        "updated_at": p.updated_at,
                        "yours": p.user_id == user.pk,
                        "validated_by_you": p.validated_by_id == user.pk and p.user_id != user.pk,
                    }
                    for p in states
                ],
            ),
            Section(
                "preuves",
                "Ce qui a fait avancer vos compétences : exercices réussis, leçons, observations de vos formateurs",
                "progress.Evidence",
                [
                    {
                        "id": e.pk,
                        "competence": e.competence.code,
                        "kind": e.kind,
                        "title": e.title,
                        "score": e.score,
                        "note": e.note,
                        "created_at": e.created_at,
                        "written_by_you": e.author_id == user.pk and e.user_id != user.pk,
                        "file": _file_path(e) if e.file and e.user_id == user.pk else None,
                    }
                    for e in evidence
                ],
                [(_file_path(e), data) for e in with_files if (data := stored_file(e.file)) is not None],
            ),
            Section(
                "historique",
                "L'historique de chaque changement d'état de vos compétences, avec sa raison",
                "progress.ProgressEvent",
                [
                    {
                        "id": e.pk,
                        "competence": e.competence.code,
                        "from": e.from_state,
                        "to": e.to_state,
                        "reason": e.reason,
                        "at": e.created_at,
                        "by_you": e.actor_id == user.pk and e.user_id != user.pk,
                    }
                    for e in events
                ],
            ),
            Section(
                "attestations",
                "Vos attestations de réussite et l'adresse publique qui permet de les vérifier",
                "progress.Attestation",
                [
                    {
                        "id": a.pk,
                        "course": a.course_title,
                        "name": a.learner_name,
                        "issued_at": a.issued_at,
                        "verification_page": reverse("attestation_verify", args=[a.token]),
                        "revoked_at": a.revoked_at,
                        "revocation_reason": a.revocation_reason,
                        "requirements": a.requirement_lines,
                    }
                    for a in attestations
                ],
            ),
            Section(
                "titres",
                "Les titres et certifications que vous préparez",
                "progress.Qualification_learners",
                [{"id": q.pk, "code": q.qualification.code, "title": q.qualification.title} for q in enrolled],
            ),
            Section(
                "activite_mensuelle",
                "Votre activité de chaque mois (compteurs utilisés, sans votre nom, dans les indicateurs)",
                "progress.ActivityMonth",
                [
                    {
                        "id": m.pk,
                        **{
                            f.name: getattr(m, f.attname)
                            for f in ActivityMonth._meta.concrete_fields
                            if f.name not in ("id", "user")
                        },
                    }
                    for m in ActivityMonth.objects.filter(user=user)
                ],
            ),
            Section(
                "blocs_prets",
                "Les blocs de compétences prêts pour le jury",
                "progress.BlockReady",
                [
                    {
                        "id": b.pk,
                        "block": b.block.title,
                        **{
                            f.name: getattr(b, f.attname)
                            for f in BlockReady._meta.concrete_fields
                            if f.name not in ("id", "user", "block")
                        },
                    }
                    for b in BlockReady.objects.filter(user=user).select_related("block")
                ],
            ),
            Section(
                "positionnement",
                "Vos réponses aux tests de positionnement, votre niveau par domaine et les conseils donnés",
                "progress.Placement",
                [
                    {
                        "id": p.pk,
                        "test": p.test.title,
                        "answers": p.answers,
                        "levels": p.levels,
                        "recommendations": p.recommendations,
                        "at": p.created_at,
                    }
                    for p in Placement.objects.filter(user=user).select_related("test")
                ],
            ),
            Section(
                "tests_de_positionnement_ecrits",
                "Les tests de positionnement que vous avez écrits pour vos groupes",
                "progress.PositioningTest",
                [
                    {"id": t.pk, "slug": t.slug, "title": t.title, "source": t.source, "updated_at": t.updated_at}
                    for t in PositioningTest.objects.filter(author=user)
                ],
            ),
        ]
