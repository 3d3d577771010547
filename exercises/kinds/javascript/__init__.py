"""JavaScript: the learner's module, tested with node --test in the sandbox (grader.py)."""

from django.utils.translation import gettext_lazy as _

from ..code import TestedCode


class JavaScript(TestedCode):
    name = "javascript"
    label = _("JavaScript")
    hidden_file = "hidden.test.js"
    public_file = "public/public.test.js"
    suffix = ".js"
