"""exercises' part of a person's data (accounts.personal_data): work, results, screenshots, trainers' comments.

Hidden tests stay out: their names and results are given as the learner sees them, never their messages.
"""

from django.db.models import Q

from accounts.personal_data import Section

from .models import (
    Accompaniment,
    CalendarFeed,
    Deadline,
    RenderedNotebook,
    Screenshot,
    Submission,
    SubmissionComment,
    WorkInProgress,
)
from .results import Result


def _result_for_learner(stored):
    if not stored:
        return None
    result = Result.from_storage(stored)
    return {
        "status": result.status,
        "score": result.score,
        "message": result.message,
        "tests": [
            {
                "name": t.name,
                "status": t.status,
                "hidden": t.hidden,
                "message": "" if t.hidden else t.message,
                **({"points": t.points, "earned": t.earned} if t.points is not None else {}),
            }
            for t in result.tests
        ],
    }


def _safe(name):
    return name.replace("/", "_").replace("\\", "_")


class ExerciseData:
    def export(self, user):
        own = Submission.objects.filter(learner=user)
        submissions = (
            (own | Submission.objects.filter(overridden_by=user)).select_related("exercise", "learner").order_by("pk")
        )
        records, files = [], []
        for s in submissions:
            if s.learner_id != user.pk:  # a trainer's own action on someone else's work: the action, not the work
                records.append(
                    {
                        "id": s.pk,
                        "your_override_of": s.exercise.title,
                        "score": s.override_score,
                        "comment": s.override_comment,
                        "at": s.overridden_at,
                    }
                )
                continue
            folder = f"fichiers/soumissions/{s.pk}"
            names = []
            for name, content in sorted((s.files or {}).items()):
                names.append(f"{folder}/{_safe(name)}")
                files.append((names[-1], content.encode("utf-8") if isinstance(content, str) else content))
            records.append(
                {
                    "id": s.pk,
                    "exercise": s.exercise.title,
                    "mode": s.mode,
                    "attempt": s.attempt,
                    "created_at": s.created_at,
                    "status": s.status,
                    "score": s.score,
                    "final_score": s.final_score,
                    "answers": s.answers,
                    "files": names,
                    "result": _result_for_learner(s.result),
                    "trainer_score": s.override_score,
                    "trainer_comment": s.override_comment,
                    "trainer_scored_at": s.overridden_at,
                }
            )
        shots = Screenshot.objects.filter(submission__learner=user)
        notebooks = RenderedNotebook.objects.filter(submission__learner=user)
        in_progress = WorkInProgress.objects.filter(learner=user).select_related("exercise").order_by("pk")
        followed = (
            Accompaniment.objects.filter(Q(learner=user) | Q(follower=user))
            .select_related("exercise", "learner", "follower")
            .order_by("pk")
        )
        comments = SubmissionComment.objects.filter(Q(submission__learner=user) | Q(author=user)).select_related(
            "submission__exercise"
        )
        return [
            Section(
                "soumissions",
                "Votre travail envoyé aux exercices, avec le résultat de la correction et la note de votre formateur",
                "exercises.Submission",
                records,
                files,
            ),
            Section(
                "captures",
                "Les captures de vos pages web, telles que corrigées",
                "exercises.Screenshot",
                [
                    {
                        "id": x.pk,
                        "submission": x.submission_id,
                        "width": x.width,
                        "file": f"fichiers/soumissions/{x.submission_id}/page-{x.width}.png",
                    }
                    for x in shots
                ],
                [(f"fichiers/soumissions/{x.submission_id}/page-{x.width}.png", bytes(x.image)) for x in shots],
            ),
            Section(
                "notebooks_executes",
                "Vos notebooks tels qu'ils ont été exécutés à la correction",
                "exercises.RenderedNotebook",
                [
                    {
                        "id": n.pk,
                        "submission": n.submission_id,
                        "file": f"fichiers/soumissions/{n.submission_id}/notebook-execute.html",
                    }
                    for n in notebooks
                ],
                [
                    (f"fichiers/soumissions/{n.submission_id}/notebook-execute.html", n.html.encode("utf-8"))
                    for n in notebooks
                ],
            ),
            Section(
                "en_cours",
                "Ce que vous avez fait dans les simulations, pas encore envoyé",
                "exercises.WorkInProgress",
                [
                    {"id": w.pk, "exercise": w.exercise.title, "steps": w.steps, "updated_at": w.updated_at}
                    for w in in_progress
                ],
            ),
            Section(
                "suivis_en_direct",
                "Les suivis en direct de vos simulations demandés par un médiateur (et ceux que vous avez demandés)",
                "exercises.Accompaniment",
                [
                    {
                        "id": a.pk,
                        "exercise": a.exercise.title,
                        "learner": a.learner.display_name,
                        "follower": a.follower.display_name,
                        "status": a.status,
                        "asked_at": a.asked_at,
                        "answered_at": a.answered_at,
                    }
                    for a in followed
                ],
            ),
            Section(
                "commentaires",
                "Les commentaires des formateurs sur votre travail (et ceux que vous avez écrits)",
                "exercises.SubmissionComment",
                [
                    {
                        "id": c.pk,
                        "exercise": c.submission.exercise.title,
                        "submission": c.submission_id if c.submission.learner_id == user.pk else None,
                        "file": c.filename,
                        "line": c.line,
                        "text": c.text,
                        "at": c.created_at,
                        "by_you": c.author_id == user.pk,
                    }
                    for c in comments
                ],
            ),
            Section(
                "echeances_fixees",
                "Les échéances que vous avez fixées pour une promo",
                "exercises.Deadline",
                [
                    {"id": d.pk, "cohort": d.cohort.name, "item": d.title, "due_at": d.due_at, "at": d.created_at}
                    for d in Deadline.objects.filter(created_by=user).select_related("cohort", "exercise", "module")
                ],
            ),
            Section(
                "agenda",
                "L'adresse privée de votre agenda des échéances (elle se change dans « Mes échéances »)",
                "exercises.CalendarFeed",
                [{"id": f.pk, "created_at": f.created_at} for f in CalendarFeed.objects.filter(user=user)],
            ),
        ]
