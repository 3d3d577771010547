from celery import shared_task

from . import browser, services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def grade_submission(submission_id):
    """Thin: the service claims the row, so a task delivered twice grades once."""
    services.submission_grade(submission_id=submission_id, worker=grade_submission.request.hostname or "worker")
    # A worker that grades web pages keeps a fresh browser page ready for the next one.
    browser.prepare_if_started()


@shared_task(ignore_result=True)
def sweep_submissions():
    return services.submissions_requeue_stale()
