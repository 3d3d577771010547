"""exercises' part of a person's data export (exercises.personal_data.ExerciseData): the learner's own work
and results without hidden tests' reasons, a trainer's actions without the learners' work."""

import pytest
from django.utils import timezone

from exercises import services
from exercises.models import Screenshot, Submission
from exercises.personal_data import ExerciseData
from exercises.results import Result, Status
from exercises.results import TestResult as Outcome  # not collected by pytest


def sections(user):
    return {section.key: section for section in ExerciseData().export(user)}


@pytest.fixture
def work(python_exercise, trainee):
    result = Result(
        status=Status.FAILED,
        score=0.5,
        message="1 test sur 2",
        tests=[
            Outcome("Moyenne simple", Status.PASSED, "ok"),
            Outcome("Liste vide", Status.FAILED, "SECRET: attendu 0", hidden=True, detail="SECRET-DETAIL"),
        ],
    )
    return Submission.objects.create(
        exercise=python_exercise,
        learner=trainee,
        attempt=2,
        files={"notes.py": "def moyenne(n):\n    return 0\n", "src/outils.py": "# é\n"},
        status="failed",
        score=0.5,
        final_score=0.4,
        result=result.to_storage(),
    )


def test_the_learner_gets_each_submission_with_its_files(work, trainee):
    section = sections(trainee)["soumissions"]
    [record] = section.records
    folder = f"fichiers/soumissions/{work.pk}"
    assert (record["id"], record["exercise"], record["mode"], record["attempt"]) == (
        work.pk,
        "Calculer une moyenne",
        "submit",
        2,
    )
    assert (record["status"], record["score"], record["final_score"]) == ("failed", 0.5, 0.4)
    assert record["files"] == [f"{folder}/notes.py", f"{folder}/src_outils.py"]  # no folder escapes the zip's
    assert dict(section.files) == {
        f"{folder}/notes.py": b"def moyenne(n):\n    return 0\n",
        f"{folder}/src_outils.py": "# é\n".encode(),
    }


def test_the_export_gives_hidden_tests_as_the_learner_sees_them(work, trainee):
    [record] = sections(trainee)["soumissions"].records
    hidden = record["result"]["tests"][1]
    assert hidden == {"name": "Liste vide", "status": "failed", "hidden": True, "message": ""}
    assert record["result"]["tests"][0]["message"] == "ok"
    assert "SECRET" not in repr(record)


def test_a_quiz_export_holds_the_answers_and_no_files(quiz_exercise, resident):
    submission = services.submission_create(
        exercise=quiz_exercise, learner=resident, mode="submit", answers={"q0": "0"}
    )
    [record] = sections(resident)["soumissions"].records
    assert record["id"] == submission.pk and record["answers"] == {"q0": "0"} and record["files"] == []
    assert record["result"]["status"] == "failed" and len(record["result"]["tests"]) == 6


def test_a_submission_not_graded_yet_is_exported_without_a_result(python_exercise, resident):
    Submission.objects.create(exercise=python_exercise, learner=resident, attempt=1, files={"a.py": "x"})
    [record] = sections(resident)["soumissions"].records
    assert record["status"] == "queued" and record["result"] is None


def test_no_one_elses_work_is_in_a_learners_export(work, other_trainee):
    assert all(section.records == [] and section.files == [] for section in sections(other_trainee).values())


def test_the_trainers_score_is_in_the_learners_export_and_the_action_in_the_trainers(work, trainer, trainee):
    services.submission_override(submission=work, by=trainer, score=0.8, comment="Bonne démarche.")
    [record] = sections(trainee)["soumissions"].records
    assert (record["trainer_score"], record["trainer_comment"]) == (0.8, "Bonne démarche.")
    mine = sections(trainer)["soumissions"]
    [action] = mine.records
    assert action["id"] == work.pk and action["your_override_of"] == "Calculer une moyenne"
    assert (action["score"], action["comment"]) == (0.8, "Bonne démarche.") and action["at"] is not None
    assert "files" not in action and mine.files == []  # the learner's work is not the trainer's data


def test_comments_are_in_both_exports_with_who_wrote_them(work, trainer, trainee):
    services.submission_comment_add(submission=work, by=trainer, filename="notes.py", line=2, text="Cas vide ?")
    [for_learner] = sections(trainee)["commentaires"].records
    [for_trainer] = sections(trainer)["commentaires"].records
    assert (for_learner["submission"], for_learner["by_you"], for_learner["text"]) == (work.pk, False, "Cas vide ?")
    assert (for_trainer["submission"], for_trainer["by_you"], for_trainer["line"]) == (None, True, 2)


def test_screenshots_are_exported_as_files(work, trainee, other_trainee):
    Screenshot.objects.create(submission=work, width=360, image=b"\x89PNG-petit")
    section = sections(trainee)["captures"]
    path = f"fichiers/soumissions/{work.pk}/page-360.png"
    assert section.records[0]["file"] == path and section.records[0]["width"] == 360
    assert section.files == [(path, b"\x89PNG-petit")]
    assert sections(other_trainee)["captures"].records == []


def test_submissions_are_exported_in_the_order_they_were_made(python_exercise, resident):
    now = timezone.now()
    first = Submission.objects.create(exercise=python_exercise, learner=resident, attempt=1, created_at=now)
    second = Submission.objects.create(exercise=python_exercise, learner=resident, attempt=2, created_at=now)
    assert [r["id"] for r in sections(resident)["soumissions"].records] == [first.pk, second.pk]
