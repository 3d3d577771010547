from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services
from accounts.models import LoginLink
from accounts.tasks import purge_login_links
from tests.worker import start_worker, stop_worker, wait_for


def _old_link(user, **dates):
    token = services.login_link_create(user=user, created_by=None)
    link = LoginLink.objects.get(user=user, used_at=None, revoked_at=None)
    LoginLink.objects.filter(pk=link.pk).update(**dates)
    return token


def test_purge_keeps_live_links_and_deletes_old_ones(db, trainee):
    long_ago = timezone.now() - timedelta(days=40)
    _old_link(trainee, expires_at=long_ago)
    live = services.login_link_create(user=trainee, created_by=None)
    assert purge_login_links() == 1
    assert services.login_link_use(live) == trainee


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_purge_task(trainee):
    """The task goes through the configured broker to a separate worker process."""
    _old_link(trainee, used_at=timezone.now() - timedelta(days=45))
    worker = start_worker("purge")
    try:
        purge_login_links.delay()
        assert wait_for(lambda: not LoginLink.objects.exists()), "the worker did not run the task"
    finally:
        log = stop_worker(worker)
    assert "accounts.tasks.purge_login_links" in log
