"""Python: the learner's module, tested with pytest in two sandboxes (grader.py; docs/grading.md)."""

from django.utils.translation import gettext_lazy as _

from ..code import TestedCode


class Python(TestedCode):
    name = "python"
    label = _("Python")
    hidden_file = "test_hidden.py"
    public_file = "public/test_public.py"
    suffix = ".py"
