from celery import shared_task

from . import services


@shared_task
def notify_learners_at_risk():
    """Weekly: trainers hear how many learners of each running promo are at risk."""
    return services.at_risk_notify()
