"""Web pages (HTML and CSS; interactive pages with the DOM): checks.toml, graded by the parser and in a
sandboxed browser (grader.py, webstatic.py), shown to the learner in a sandboxed iframe."""

import base64

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import Kind, code_field, require

# Web pages edited in the browser: these three files at most (assets come from the package).
WEB_FILES = {"html": "index.html", "css": "style.css", "js": "script.js"}
WEB_FIELDS = tuple(f"web_{role}_{part}" for role in ("starter", "solution") for part in WEB_FILES) + ("checks",)


# The live preview's srcdoc document inherits the page's Content-Security-Policy: on the pages
# that show one, the learner's inline scripts must be allowed. The iframe is sandboxed without
# allow-same-origin, so those scripts never run with the platform's origin or cookies.
PREVIEW_CSP = {"script-src": ["'unsafe-inline'"]}


class WebPage(Kind):
    web_page = True
    default_file = "index.html"
    beside_template = "kinds/web/preview.html"
    result_template = "kinds/web/result.html"
    history_head = "kinds/web/history.html#head"
    history_cell = "kinds/web/history.html#cell"
    csp = PREVIEW_CSP

    def page_context(self, exercise, learner, form):
        """The files in tabs, the live preview of what is typed, « Vérifier » if some checks are public."""
        from .grader import has_public_checks, preview_document

        spec = exercise.spec()
        return {
            "file_tabs": True,
            "has_public_tests": has_public_checks(spec),
            "preview": preview_document(spec, form.typed()),
        }

    def result_context(self, submission):
        """The page's screenshots, once graded."""
        from ...models import Screenshot

        if submission.is_pending:
            return {}
        return {
            "screenshot_widths": list(Screenshot.objects.filter(submission=submission).values_list("width", flat=True))
        }

    def urls(self):
        from .views import urlpatterns

        return urlpatterns

    def form_fields(self):
        return {
            "web_starter_html": code_field(gettext_lazy("Page web : index.html de départ"), rows=6),
            "web_starter_css": code_field(gettext_lazy("Page web : style.css de départ"), rows=4),
            "web_starter_js": code_field(gettext_lazy("Page web : script.js de départ (DOM)"), rows=4),
            "web_solution_html": code_field(gettext_lazy("Page web : index.html de la solution"), rows=6),
            "web_solution_css": code_field(gettext_lazy("Page web : style.css de la solution"), rows=4),
            "web_solution_js": code_field(gettext_lazy("Page web : script.js de la solution (DOM)"), rows=4),
            "checks": code_field(
                gettext_lazy("Page web : vérifications (checks.toml)"),
                rows=8,
                help_text=gettext_lazy(
                    "Des tables [[check]] avec type, name, hint, hidden… : structure (element), validité (valid), "
                    "accessibilité (accessible, axe), "
                    "style calculé (style), contraste (contrast), mise en page (layout), scénario (scenario). Voir "
                    "docs/exercise-format.md."
                ),
            ),
        }

    def warm(self):
        """A fresh page in this worker's browser, if it started one (a browser is not started for nothing)."""
        from ... import browser

        browser.prepare_if_started()

    def store_artefacts(self, submission_id, artefacts):
        """The page's screenshots at a phone's and a computer's width (none for « Vérifier »)."""
        from ...models import Screenshot

        screenshots = artefacts.get("screenshots")
        if screenshots:
            Screenshot.objects.filter(submission_id=submission_id).delete()
            Screenshot.objects.bulk_create(
                Screenshot(submission_id=submission_id, width=w, image=png) for w, png in screenshots
            )

    def read(self, folder, spec, meta, errors):
        from ...spec import ExerciseError, read_assets
        from .grader import read_checks

        if not spec.solution:
            errors.append(f"{folder / 'solution'}:1: " + _("solution de référence manquante"))
        if "checks.toml" not in spec.tests:
            errors.append(f"{folder / 'tests' / 'checks.toml'}:1: " + _("fichier manquant"))
        else:
            try:
                read_checks(spec.tests["checks.toml"], path=folder / "tests" / "checks.toml")
            except ExerciseError as exc:
                errors.extend(exc.errors)
        assets = read_assets(folder / "assets", errors)
        if assets:
            spec.config["assets"] = assets

    def export(self, exercise, folder):
        super().export(exercise, folder)
        for name, data in exercise.config.get("assets", {}).items():
            target = folder / "assets" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(data))

    def is_simple(self, exercise):
        names = set(WEB_FILES.values())
        return (
            set(exercise.starter) <= names
            and set(exercise.solution) <= names
            and set(exercise.tests) <= {"checks.toml"}
        )

    def initial(self, exercise):
        return {
            "checks": exercise.tests.get("checks.toml", ""),
            **{
                f"web_{role}_{part}": getattr(exercise, role).get(name, "")
                for role in ("starter", "solution")
                for part, name in WEB_FILES.items()
            },
        }

    def clean_form(self, form, data):
        from ...spec import ExerciseError
        from .grader import read_checks

        require(form, data, ["web_solution_html", "checks"])
        if (data.get("checks") or "").strip():
            try:
                read_checks(data["checks"], path="checks.toml")
            except ExerciseError as exc:
                form.add_error("checks", " ".join(exc.errors[:5]))

    def apply(self, exercise, data):
        for role in ("starter", "solution"):
            setattr(
                exercise,
                role,
                {
                    name: data[f"web_{role}_{part}"]
                    for part, name in WEB_FILES.items()
                    if (data.get(f"web_{role}_{part}") or "").strip()
                },
            )
        exercise.tests = {"checks.toml": data["checks"]}
        exercise.config = {key: value for key, value in exercise.config.items() if key == "assets"}


class Html(WebPage):
    name = "html"
    label = gettext_lazy("HTML et CSS")


class Dom(WebPage):
    name = "dom"
    label = gettext_lazy("Page interactive (DOM)")
