import pytest

from courses.models import Module


@pytest.fixture
def module(basics_course):
    """A module of a course, to hold the exercises the tests author."""
    return Module.objects.filter(course=basics_course).first()
