import pytest
from django.urls import reverse

from exercises.models import Submission, SubmissionComment

CODE = "def moyenne(notes):\n    return 0\n"


@pytest.fixture
def submission(python_exercise, trainee, cohort):
    python_exercise.module.course.cohorts.add(cohort)
    return Submission.objects.create(
        exercise=python_exercise,
        learner=trainee,
        files={"notes.py": CODE},
        attempt=1,
        status="failed",
        score=0.5,
        final_score=0.5,
    )


def test_trainer_lists_and_filters_their_cohorts_submissions(
    client, trainer, submission, resident, python_exercise, django_assert_max_num_queries
):
    Submission.objects.create(
        exercise=python_exercise, learner=resident, files={"notes.py": CODE}, attempt=1, status="passed"
    )
    client.force_login(trainer)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("exercises:review_list")).content.decode()
    assert "1 soumission" in page and "Yanis" in page and "Awa" not in page  # the resident is not in the cohort
    assert "Aucune soumission" in client.get(reverse("exercises:review_list"), {"status": "passed"}).content.decode()
    assert (
        "1 soumission"
        in client.get(
            reverse("exercises:review_list"), {"exercise": python_exercise.pk, "status": "failed"}
        ).content.decode()
    )


def test_review_list_query_count_does_not_grow(client, trainer, python_exercise, cohort, django_assert_max_num_queries):
    from accounts.models import Role, User

    for i in range(30):
        learner = User.objects.create(username=f"s{i}", role=Role.TRAINEE)
        cohort.learners.add(learner)
        Submission.objects.create(
            exercise=python_exercise, learner=learner, files={"notes.py": CODE}, attempt=1, status="failed"
        )
    client.force_login(trainer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("exercises:review_list")).status_code == 200


def test_trainer_overrides_a_score_and_the_automatic_one_is_kept(client, trainer, submission, trainee):
    client.force_login(trainer)
    client.post(
        reverse("exercises:review_override", args=[submission.pk]),
        {"score": 80, "comment": "Bonne démarche, il manque le cas vide."},
    )
    submission.refresh_from_db()
    assert submission.override_score == 0.8 and submission.score == 0.5 and submission.overridden_by == trainer
    assert submission.effective_score == 0.8
    client.force_login(trainee)
    page = client.get(f"{submission.exercise.get_absolute_url()}?soumission={submission.pk}").content.decode()
    assert "Note de votre formateur : 80 %" in page and "il manque le cas vide" in page


def test_a_check_run_cannot_be_given_a_score_that_would_not_count(client, trainer, submission, trainee):
    """« Note enregistrée » was accepted on a « Vérification » and ignored by progress: the learner
    then read « Pas encore réussi — 90 % note du formateur ». Only submissions are scored."""
    from exercises import services
    from exercises.services import SubmissionRefused

    check = Submission.objects.create(
        exercise=submission.exercise,
        learner=trainee,
        mode="check",
        files={"notes.py": CODE},
        status="failed",
        score=0.5,
    )
    client.force_login(trainer)
    page = client.get(reverse("exercises:submission_detail", args=[check.pk])).content.decode()
    assert (
        "elle ne compte pas pour la note" in page and reverse("exercises:review_override", args=[check.pk]) not in page
    )
    assert (
        reverse("exercises:review_override", args=[submission.pk])
        in client.get(reverse("exercises:submission_detail", args=[submission.pk])).content.decode()
    )
    response = client.post(
        reverse("exercises:review_override", args=[check.pk]), {"score": 90, "comment": "bien"}, follow=True
    )
    check.refresh_from_db()
    assert check.override_score is None and "seules les soumissions se notent" in response.content.decode()
    with pytest.raises(SubmissionRefused):
        services.submission_override(submission=check, by=trainer, score=0.9, comment="")


def test_trainer_comments_a_line_and_the_learner_sees_it(client, trainer, submission, trainee):
    client.force_login(trainer)
    client.post(
        reverse("exercises:review_comment", args=[submission.pk]),
        {"filename": "notes.py", "line": 2, "text": "Et si la liste est vide ?"},
    )
    assert SubmissionComment.objects.get().line == 2
    page = client.get(reverse("exercises:submission_detail", args=[submission.pk])).content.decode()
    assert 'id="f0-L2"' in page and "Et si la liste est vide ?" in page
    response = client.post(
        reverse("exercises:review_comment", args=[submission.pk]), {"filename": "notes.py", "line": 99, "text": "x"}
    )
    assert response.status_code == 400 and "pas autant de lignes" in response.content.decode()
    client.force_login(trainee)
    page = client.get(f"{submission.exercise.get_absolute_url()}?soumission={submission.pk}").content.decode()
    assert "ligne 2 : Et si la liste est vide ?" in page


def test_regrade_one_and_all(client, trainer, submission, eager, django_capture_on_commit_callbacks):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exercises:review_regrade", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.status == "failed" and submission.runs == 1 and submission.result["tests"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exercises:exercise_regrade", args=[submission.exercise.pk]))
    submission.refresh_from_db()
    assert submission.runs == 2


def test_another_trainer_sees_none_of_this_cohorts_submissions(client, submission, other_trainer):
    """Who may open each review URL is in tests/test_access_matrix.py; here, what the list shows."""
    client.force_login(other_trainer)
    assert "0 soumission" in client.get(reverse("exercises:review_list")).content.decode()


def test_the_trainer_sees_why_a_hidden_test_failed_the_learner_only_that_it_did(client, trainer, submission, trainee):
    from exercises.results import Result, TestResult

    result = Result.from_tests(
        [
            TestResult(
                name="Liste vide",
                status="failed",
                message="Test caché : non réussi.",
                hidden=True,
                detail="Obtenu : 1 — attendu : 0 (SECRET-DETAIL)",
            )
        ]
    )
    Submission.objects.filter(pk=submission.pk).update(result=result.to_storage())
    client.force_login(trainer)
    page = client.get(reverse("exercises:submission_detail", args=[submission.pk])).content.decode()
    assert "SECRET-DETAIL" in page and "visible par les formateurs seulement" in page
    client.force_login(trainee)
    page = client.get(f"{submission.exercise.get_absolute_url()}?soumission={submission.pk}").content.decode()
    assert "Test caché : non réussi." in page and "SECRET-DETAIL" not in page
