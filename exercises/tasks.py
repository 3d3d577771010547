from celery import shared_task

from . import browser, services
from .graders import javascript, notebook, python


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def grade_submission(submission_id):
    """Thin: the service claims the row, so a task delivered twice grades once."""
    services.submission_grade(submission_id=submission_id, worker=grade_submission.request.hostname or "worker")
    # A worker that grades web pages keeps a fresh browser page ready for the next one; one that grades
    # notebooks, a sandbox with its kernel started; Python, a pair of sandboxes with pytest imported
    # (not in eager mode: the web process keeps nothing running).
    browser.prepare_if_started()
    if not grade_submission.request.is_eager:
        notebook.prepare_if_used()
        python.prepare_if_used()
        javascript.prepare_if_used()


@shared_task(ignore_result=True)
def sweep_submissions():
    return services.submissions_requeue_stale()
