import datetime
import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import services as accounts_services
from accounts.decorators import staff_required
from progress import services as progress_services

from . import selectors, services, sheets
from .forms import CodeForm, RosterForm, SessionDetailsForm, SessionForm


def _month_links(month):
    previous = (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return previous, following


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(write, filename, *args):
    out = io.StringIO()
    out.write("\ufeff")  # the byte order mark spreadsheets need to read UTF-8 accents
    write(*args, out)
    return _download(out.getvalue(), "text/csv; charset=utf-8", filename)


# ---------------------------------------------------------------- learners


@login_required
def mine(request):
    """« Mon émargement »: type (or scan) the session's code to sign in; this month's sessions."""
    user = request.user
    if not user.is_learner:
        return redirect("accounts:cohort_list")
    form = CodeForm(request.POST or None, initial={"code": request.GET.get("code", ""), "qr": "code" in request.GET})
    if request.method == "POST" and form.is_valid():
        try:
            session, presence, already = services.presence_sign(
                user=user, code=form.cleaned_data["code"], by_qr=form.cleaned_data["qr"]
            )
        except services.SignRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            values = {
                "date": session.date,
                "half_day": session.get_half_day_display().lower(),
                "group": session.cohort.name,
            }
            if already:
                messages.info(request, _("Vous aviez déjà signé pour cette séance (%(group)s).") % values)
            else:
                when = sheets.session_when(session)
                messages.success(
                    request,
                    _("Présence enregistrée : %(group)s, %(day)s, %(half_day)s (%(times)s).")
                    % {"group": session.cohort.name, "day": when[0], "half_day": when[1].lower(), "times": when[2]},
                )
            return redirect("attendance:mine")
    month = selectors.this_month()
    cohorts = list(user.cohorts.select_related("site"))
    sheet = selectors.learner_month(user, month, cohorts) if cohorts else None
    if sheet:  # what was done, and the coming week (the month's sheet has them all)
        week = timezone.localdate() + datetime.timedelta(days=7)
        sheet.lines = [line for line in sheet.lines if not line.upcoming or line.session.date <= week]
    return render(
        request,
        "attendance/mine.html",
        {
            "form": form,
            "sheet": sheet,
            "month": month,
            "previous_month": _month_links(month)[0],
            "open_sessions": selectors.open_sessions_of_learner(user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_month(request, month, fmt):
    user = request.user
    if not user.is_learner:
        raise Http404
    cohorts = list(user.cohorts.select_related("site"))
    return _learner_sheet(request, user, month, cohorts, fmt, staff_cohort=None)


def _learner_sheet(request, learner, month, cohorts, fmt, staff_cohort):
    sheet = selectors.learner_month(learner, month, cohorts)
    platform = progress_services.platform_minutes([learner.pk], month).get(learner.pk, 0)
    name = f"emargement-{learner.username}-{month:%Y-%m}"
    if fmt == "pdf":
        return _download(sheets.learner_pdf(sheet, cohorts, platform), "application/pdf", f"{name}.pdf")
    if fmt == "csv":
        return _csv(sheets.learner_csv, f"{name}.csv", sheet)
    previous, following = _month_links(month)
    return render(
        request,
        "attendance/learner_month.html",
        {
            "sheet": sheet,
            "cohorts": cohorts,
            "cohort": staff_cohort,
            "platform_minutes": platform,
            "previous_month": previous,
            "next_month": following,
        },
    )


# ---------------------------------------------------------------- trainers


@staff_required
def cohort_sessions(request, pk):
    """Plan sessions (one, or every weekday until a date); GET shows this month's sheet, where the form is."""
    cohort = accounts_services.access_cohort(request.user, pk)
    if request.method != "POST":
        return redirect(reverse("attendance:cohort_month", args=[cohort.pk, selectors.this_month()]))
    form = SessionForm(request.POST, cohort=cohort, user=request.user)
    if not form.is_valid():
        month = form.cleaned_data.get("date", selectors.this_month()).replace(day=1)
        return _cohort_month_page(request, cohort, month, form, status=400)
    data = form.cleaned_data
    created, skipped = services.session_create(
        cohort=cohort,
        by=request.user,
        date=data["date"],
        half_day=data["half_day"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        place=data["place"],
        trainer=data["trainer"],
        repeat_until=data["repeat_until"],
    )
    if created:
        messages.success(
            request,
            ngettext("%(n)s séance créée.", "%(n)s séances créées.", len(created)) % {"n": len(created)},
        )
    if skipped:
        messages.info(
            request,
            _("Déjà prévues, gardées telles quelles : %(dates)s.")
            % {"dates": ", ".join(formats.date_format(day, "SHORT_DATE_FORMAT") for day in skipped)},
        )
    return redirect(reverse("attendance:cohort_month", args=[cohort.pk, data["date"].replace(day=1)]))


@staff_required
def cohort_month(request, pk, month, fmt):
    """The group's month: its sessions, and the hours of each learner (HTML, PDF, CSV)."""
    cohort = accounts_services.access_cohort(request.user, pk)
    if fmt == "html":
        return _cohort_month_page(request, cohort, month)
    learners = services.roster(cohort, request.user)
    sheet = selectors.cohort_month(cohort, month, learners)
    platform = progress_services.platform_minutes([learner.pk for learner in learners], month)
    name = f"emargement-{cohort.pk}-{month:%Y-%m}"
    if fmt == "pdf":
        trainers = list(cohort.trainers.order_by("first_name", "username"))
        return _download(sheets.cohort_pdf(sheet, platform, trainers), "application/pdf", f"{name}.pdf")
    return _csv(sheets.cohort_csv, f"{name}.csv", sheet, platform)


def _cohort_month_page(request, cohort, month, form=None, status=200):
    learners = services.roster(cohort, request.user)
    sheet = selectors.cohort_month(cohort, month, learners)
    platform = progress_services.platform_minutes([learner.pk for learner in learners], month)
    previous, following = _month_links(month)
    return render(
        request,
        "attendance/cohort_month.html",
        {
            "cohort": cohort,
            "sheet": sheet,
            "rows": [(row, platform.get(row.learner.pk, 0)) for row in sheet.rows],
            "hidden": cohort.learners.count() - len(learners),
            "previous_month": previous,
            "next_month": following,
            "form": form or SessionForm(cohort=cohort, user=request.user, initial={"date": _default_day(month)}),
        },
        status=status,
    )


def _default_day(month):
    today = timezone.localdate()
    return today if today.replace(day=1) == month else month


@staff_required
def learner_month(request, pk, month, learner_pk, fmt):
    """One learner's month in the group, for the group's staff (a mediator: if the participant shares)."""
    cohort = accounts_services.access_cohort(request.user, pk)
    learner = next((person for person in services.roster(cohort, request.user) if person.pk == learner_pk), None)
    if learner is None:
        raise Http404
    return _learner_sheet(request, learner, month, [cohort], fmt, staff_cohort=cohort)


def _session_page(request, session, form=None, details=None, status=200):
    learners = services.roster(session.cohort, request.user)
    lines = selectors.session_lines(session, learners)
    form = form or RosterForm(session=session, lines=lines)
    code_url = qr_svg = None
    if session.code_open:
        code_url = request.build_absolute_uri(reverse("attendance:mine") + "?" + urlencode({"code": session.code}))
        qr_svg = segno.make(code_url, error="m").svg_inline(
            scale=5, title=_("Code QR pour signer sa présence à cette séance")
        )
    return render(
        request,
        "attendance/session.html",
        {
            "session": session,
            "cohort": session.cohort,
            "form": form,
            "details": details
            or SessionDetailsForm(
                cohort=session.cohort,
                initial={
                    "starts_at": session.starts_at,
                    "ends_at": session.ends_at,
                    "place": session.place,
                    "trainer": session.trainer_id,
                },
            ),
            "signed_in": selectors.signed_in(session, learners),
            "learner_count": len(learners),
            "hidden": session.cohort.learners.count() - len(learners),
            "code_url": code_url,
            "qr_svg": qr_svg,
            "noted": sum(1 for _learner, presence in lines if presence is not None),
        },
        status=status,
    )


@staff_required
def session_detail(request, pk):
    """A session: its code to sign in, who signed, the list to complete, the trainer's signature."""
    session = services.access_session(request.user, pk)
    if request.method != "POST":
        return _session_page(request, session)
    learners = services.roster(session.cohort, request.user)
    form = RosterForm(request.POST, session=session, lines=selectors.session_lines(session, learners))
    if not form.is_valid():
        return _session_page(request, session, form=form, status=400)
    changed = services.presences_mark(session=session, by=request.user, rows=form.marks())
    if changed:
        messages.success(request, _("Liste enregistrée."))
    else:
        messages.info(request, _("Rien n’a changé."))
    return redirect("attendance:session", pk=session.pk)


@staff_required
def session_signed_in(request, pk):
    """Who signed in so far (htmx refreshes it while the code is open)."""
    session = services.access_session(request.user, pk)
    learners = services.roster(session.cohort, request.user)
    return render(
        request,
        "attendance/session.html#signed-in",
        {"session": session, "signed_in": selectors.signed_in(session, learners), "learner_count": len(learners)},
    )


@staff_required
@require_POST
def session_code(request, pk):
    session = services.access_session(request.user, pk)
    if request.POST.get("action") == "close":
        services.code_close(session=session)
        messages.success(request, _("Le code ne permet plus de signer."))
    else:
        services.code_open(session=session)
    return redirect("attendance:session", pk=session.pk)


@staff_required
@require_POST
def session_sign(request, pk):
    session = services.access_session(request.user, pk)
    try:
        services.session_sign(session=session, by=request.user, learners=services.roster(session.cohort, request.user))
    except services.NotSignable as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Vous avez signé la feuille de cette séance."))
    return redirect("attendance:session", pk=session.pk)


@staff_required
@require_POST
def session_edit(request, pk):
    session = services.access_session(request.user, pk)
    details = SessionDetailsForm(request.POST, cohort=session.cohort)
    if not details.is_valid():
        return _session_page(request, session, details=details, status=400)
    services.session_update(session=session, **details.cleaned_data)
    messages.success(request, _("Séance modifiée."))
    return redirect("attendance:session", pk=session.pk)


@staff_required
@require_POST
def session_delete(request, pk):
    session = services.access_session(request.user, pk)
    services.session_delete(session=session)
    messages.success(request, _("Séance supprimée."))
    return redirect(reverse("attendance:cohort_month", args=[session.cohort_id, session.date.replace(day=1)]))
