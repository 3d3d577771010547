from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def import_course_package(job_id):
    """Thin: the service claims the job, so a task delivered twice imports once."""
    services.course_import_run(job_id=job_id, worker=import_course_package.request.hostname or "worker")


@shared_task(ignore_result=True)
def sweep_course_imports():
    return services.course_imports_requeue_stale()
