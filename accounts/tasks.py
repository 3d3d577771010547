from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from .models import LoginLink


@shared_task
def purge_login_links(days=30):
    """Delete login links used, revoked or expired more than `days` ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = LoginLink.objects.filter(
        Q(used_at__lt=cutoff) | Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    ).delete()
    return deleted
