from celery import shared_task

from . import kinds, services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def grade_submission(submission_id):
    """Thin: the service claims the row, so a task delivered twice grades once."""
    services.submission_grade(
        submission_id=submission_id,
        worker=grade_submission.request.hostname or "worker",
        heartbeat=not grade_submission.request.is_eager,
    )
    # A worker keeps ready what each kind's next grading starts with: a fresh browser page, a sandbox
    # with its kernel started, a pair of sandboxes with pytest imported (kind.warm). Not in eager
    # mode: the web process keeps nothing running.
    if not grade_submission.request.is_eager:
        kinds.warm_all()


@shared_task(ignore_result=True)
def sweep_submissions():
    return services.submissions_requeue_stale()


@shared_task(ignore_result=True)
def remind_deadlines():
    """Hourly: the learners who have not handed in what is due within a day hear of it, once."""
    return services.deadlines_remind()
