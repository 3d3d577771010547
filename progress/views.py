import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as accounts_services
from accounts.decorators import staff_required
from config.files import serve_stored_file
from exercises import selectors as exercises_selectors

from . import services
from .charts import bar_chart_svg
from .forms import InvalidationForm, ObservationForm, PositioningForm, PositioningTestForm, ValidationForm
from .models import Competence, State


def _csv_writer(response):
    """A CSV writer that neutralises cells a spreadsheet would run as a formula (=, +, -, @)."""
    writer = csv.writer(response, delimiter=";")

    class Safe:
        @staticmethod
        def writerow(row):
            writer.writerow(
                [
                    "'" + cell if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
                    for cell in row
                ]
            )

    return Safe


@login_required
def my_path(request):
    """« Mon parcours »: the learner's qualifications, competence by competence, with evidence."""
    qualifications = services.qualifications_for(request.user)
    return render(
        request,
        "progress/my_path.html",
        {
            "overview": services.learner_overview(request.user, qualifications),
            "next_activities": services.next_activities(request.user, qualifications=qualifications),
            "portfolio": exercises_selectors.portfolio(request.user),
        },
    )


def _cohort_and_qualification(request, pk):
    cohort = accounts_services.access_cohort(request.user, pk)
    qualifications = services.cohort_qualifications(cohort)
    wanted = request.GET.get("qualification")
    qualification = next((q for q in qualifications if q.code == wanted), qualifications[0] if qualifications else None)
    return cohort, qualifications, qualification


@staff_required
def cohort_dashboard(request, pk):
    """The trainer's matrix: learners × competences, who is at risk, sorting and filtering (GET form)."""
    cohort, qualifications, qualification = _cohort_and_qualification(request, pk)
    sort = request.GET.get("tri") if request.GET.get("tri") in ("name", "progress", "risk") else "name"
    only_at_risk = request.GET.get("risque") == "1"
    matrix = (
        services.cohort_matrix(cohort, qualification, viewer=request.user, sort=sort, only_at_risk=only_at_risk)
        if qualification
        else None
    )
    return render(
        request,
        "progress/cohort_dashboard.html",
        {
            "cohort": cohort,
            "qualifications": qualifications,
            "qualification": qualification,
            "matrix": matrix,
            "sort": sort,
            "only_at_risk": only_at_risk,
            "states": State,
        },
    )


@staff_required
def cohort_export(request, pk):
    """The matrix as CSV (UTF-8 with a BOM, for spreadsheets)."""
    cohort, _qualifications, qualification = _cohort_and_qualification(request, pk)
    if qualification is None:  # nothing to export: the dashboard says why
        return redirect("progress:cohort_dashboard", pk=cohort.pk)
    matrix = services.cohort_matrix(cohort, qualification, viewer=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="competences-{cohort.pk}-{qualification.code}.csv"'
    response.write("\ufeff")
    writer = _csv_writer(response)
    writer.writerow(
        [
            _("Apprenant"),
            _("Identifiant"),
            *[c.code for c in matrix["competences"]],
            _("Acquises"),
            _("Points d'attention"),
        ]
    )
    for row in matrix["rows"]:
        writer.writerow(
            [
                row.learner.display_name,
                row.learner.username,
                *[str(cell.label) for cell in row.cells],
                row.acquired,
                " ; ".join(str(r) for r in row.risks),
            ]
        )
    return response


def _learner_context(request, cohort, learner):
    overview = services.learner_overview(learner)
    return {
        "cohort": cohort,
        "learner": learner,
        "overview": overview,
        "history": services.learner_history(learner),
        "validation_form": ValidationForm(),
        "invalidation_form": InvalidationForm(),
        "observation_form": ObservationForm(),
        "portfolio": exercises_selectors.portfolio(learner),
    }


def _learner(request, cohort, learner_pk):
    """A learner of the cohort whose work the user may see (a mediator: only those who agreed to share)."""
    return accounts_services.access_learner(request.user, cohort, learner_pk)


@staff_required
def learner_detail(request, pk, learner_pk):
    cohort = accounts_services.access_cohort(request.user, pk)
    learner = _learner(request, cohort, learner_pk)
    return render(request, "progress/learner_detail.html", _learner_context(request, cohort, learner))


@staff_required
def learner_booklet(request, pk, learner_pk):
    """The « livret de compétences » for the jury file: printable, evidence with dates."""
    cohort = accounts_services.access_cohort(request.user, pk)
    learner = _learner(request, cohort, learner_pk)
    return render(request, "progress/booklet.html", _learner_context(request, cohort, learner))


def _competence_for(learner, competence_pk):
    competence = get_object_or_404(Competence.objects.select_related("block__qualification"), pk=competence_pk)
    if competence.block.qualification not in services.qualifications_for(learner):
        raise Http404
    return competence


@staff_required
@require_POST
def competence_decide(request, pk, learner_pk, competence_pk):
    """Validate, invalidate (with a reason) or add an observation; htmx swaps the competence in place."""
    cohort = accounts_services.access_cohort(request.user, pk)
    learner = _learner(request, cohort, learner_pk)
    competence = _competence_for(learner, competence_pk)
    action = request.POST.get("action")
    form_class = {"validate": ValidationForm, "invalidate": InvalidationForm, "observe": ObservationForm}.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        if action == "validate":
            services.competence_validate(user=learner, competence=competence, by=request.user, comment=data["comment"])
            messages.success(request, _("Compétence validée."))
        elif action == "invalidate":
            services.competence_invalidate(user=learner, competence=competence, by=request.user, reason=data["reason"])
            messages.success(request, _("Validation retirée."))
        else:
            services.observation_add(
                user=learner, competence=competence, by=request.user, note=data["note"], file=data.get("file")
            )
            messages.success(request, _("Observation ajoutée."))
    context = _learner_context(request, cohort, learner)
    item = next(
        c for q in context["overview"] for b in q.blocks for c in b.competences if c.competence.pk == competence.pk
    )
    context.update(
        {
            "c": item,
            "q": item.competence.block.qualification,
            "errors": form.errors if not form.is_valid() else None,
            "errors_for": competence.pk,
            "oob": True,
        }
    )
    if request.htmx:
        return render(request, "progress/_competence_staff.html", context, status=200)
    if form.is_valid():
        return redirect("progress:learner_detail", pk=cohort.pk, learner_pk=learner.pk)
    return render(request, "progress/learner_detail.html", {**context, "form_errors": form.errors}, status=400)


@login_required
def evidence_file(request, pk):
    """The file attached to a trainer's observation, with the permission of the learner's work."""
    return serve_stored_file(services.access_evidence_file(request.user, pk).file)


@login_required
def achievements(request):
    """« Mes réussites »: courses done, attestations and badges, and sharing with the mediator."""
    from courses import services as courses_services

    done = [c for c in courses_services.learner_courses(request.user) if c.item_count and c.percent == 100]
    return render(
        request,
        "progress/achievements.html",
        {
            "done_courses": done,
            "attestations": services.attestations_for(request.user),
        },
    )


@login_required
@require_POST
def sharing(request):
    accounts_services.sharing_set(user=request.user, shares=request.POST.get("shares_progress") == "1")
    messages.success(request, _("Votre choix est enregistré."))
    return redirect("progress:achievements")


@login_required
def accompaniment(request):
    """A mediator sees the residents of their groups who agreed to share their achievements, and only them."""
    from courses import services as courses_services

    if request.user.role != "mediateur":
        raise PermissionDenied
    people = []
    for person in accounts_services.accompanied_people(request.user):
        courses = courses_services.learner_courses(person)
        done = [c for c in courses if c.item_count and c.percent == 100]
        people.append(
            {"user": person, "courses": courses, "done": done, "attestations": services.attestations_for(person)}
        )
    placed = services.latest_placements([p["user"] for p in people])
    for person in people:
        person["placement"] = placed.get(person["user"].pk)
    return render(request, "progress/accompaniment.html", {"people": people})


@login_required
def positioning(request):
    """« Par où commencer ? »: the positioning tests, and one's own results."""
    return render(
        request,
        "progress/positioning.html",
        {
            "tests": services.positioning_tests(request.user),
            "placements": services.placements_of(request.user),
            "may_write": request.user.is_trainer or request.user.is_coordinator,
        },
    )


@login_required
def positioning_take(request, slug):
    """Taking a test: one page, every question answered, then the result."""
    test = next((t for t in services.positioning_tests(request.user) if t.slug == slug), None)
    if test is None:
        raise Http404
    form = PositioningForm(request.POST or None, spec=test.spec)
    if request.method == "POST" and form.is_valid():
        placement = services.placement_record(user=request.user, test=test, answers=form.cleaned_data)
        return redirect("progress:placement", placement.pk)
    return render(request, "progress/positioning_take.html", {"test": test, "form": form})


@staff_required
def positioning_authoring(request):
    """The positioning tests one may change, and a new one."""
    return render(request, "progress/positioning_authoring.html", {"tests": services.editable_tests(request.user)})


@staff_required
def positioning_edit(request, pk=None):
    """Write or change a positioning test, with a preview of what the participants will see (« Aperçu »
    checks and shows without saving)."""
    test = services.access_test_to_edit(request.user, pk) if pk else None
    initial = {"source": test.source, "cohorts": list(test.cohorts.all())} if test else {}
    form = PositioningTestForm(request.POST or None, user=request.user, test=test, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = {"form": PositioningForm(spec=form.spec), "spec": form.spec}
        else:
            saved = services.positioning_save(
                user=request.user,
                test=test,
                slug=form.cleaned_data.get("slug"),
                source=form.cleaned_data["source"],
                spec=form.spec,
                cohorts=form.cleaned_data["cohorts"],
            )
            messages.success(request, _("Le test est enregistré."))
            return redirect("progress:positioning_edit", saved.pk)
    return render(request, "progress/positioning_edit.html", {"form": form, "test": test, "preview": preview})


@login_required
def placement(request, pk):
    """A result: the level of each area in words and where to start. Its person, and whoever may see their
    work (a mediator only if the person agreed to share)."""
    shown = services.access_placement(request.user, pk)
    return render(
        request,
        "progress/placement.html",
        {"placement": shown, "own": shown.user_id == request.user.pk, **services.placement_view(shown)},
    )


def _indicator_context(request):
    from django.utils import formats

    dimension = request.GET.get("par") if request.GET.get("par") in ("site", "cohort", "track") else "site"
    try:
        months = min(24, max(1, int(request.GET.get("mois", 6))))
    except ValueError:
        months = 6
    data = services.indicators(dimension, months)
    labels = [formats.date_format(m, "YEAR_MONTH_FORMAT") for m in data["months"]]
    short = [formats.date_format(m, "m/Y") for m in data["months"]]
    charts = []
    for key, field, title, description in (
        (
            "chart-active",
            "active",
            _("Apprenants actifs par mois"),
            _(
                "Nombre d'apprenants actifs chaque mois, tous groupes affichés confondus ; les chiffres sont dans le "
                "tableau."
            ),
        ),
        (
            "chart-acquired",
            "acquired",
            _("Compétences acquises par mois"),
            _("Nombre de compétences acquises ou validées chaque mois ; les chiffres sont dans le tableau."),
        ),
    ):
        values = [t[field] for t in data["totals"]]
        charts.append({"title": title, "svg": bar_chart_svg(values, short, key, title, description)})
    return {
        "data": data,
        "labels": labels,
        "charts": charts,
        "dimension": dimension,
        "months": months,
        "dimensions": [("site", _("lieu")), ("cohort", _("promo")), ("track", _("parcours"))],
    }


@login_required
def indicators(request):
    """Coordinators and funders: aggregates only, never a name; groups under 5 people are left out."""
    if not request.user.is_coordinator:
        raise PermissionDenied
    return render(request, "progress/indicators.html", _indicator_context(request))


@login_required
def indicators_export(request):
    if not request.user.is_coordinator:
        raise PermissionDenied
    context = _indicator_context(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicateurs-{context["dimension"]}.csv"'
    response.write("\ufeff")
    writer = _csv_writer(response)
    writer.writerow(
        [
            _("Groupe"),
            _("Personnes"),
            _("Mois"),
            _("Apprenants actifs"),
            _("Leçons terminées"),
            _("Exercices réussis"),
            _("Heures estimées"),
            _("Compétences acquises"),
            _("Attestations délivrées"),
            _("Blocs prêts pour le jury (aujourd'hui)"),
        ]
    )
    for row in context["data"]["rows"]:
        for label, cell in zip(context["labels"], row["months"], strict=False):
            writer.writerow(
                [
                    row["group"],
                    row["size"],
                    label,
                    cell["active"],
                    cell["lessons"],
                    cell["exercises"],
                    str(cell["hours"]).replace(".", ","),
                    cell["acquired"],
                    cell["attestations"],
                    row["blocks_ready"],
                ]
            )
    return response
