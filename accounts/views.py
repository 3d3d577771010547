import time
import uuid

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance import selectors as attendance_selectors
from courses import selectors as courses_selectors
from courses import services as courses_services
from exercises import selectors as exercises_selectors

from . import personal_data, selectors, services
from .decorators import coordinator_required, staff_required
from .forms import (
    BulkLearnersForm,
    CohortForm,
    DeletionDecisionForm,
    DeletionRequestForm,
    InviteForm,
    JoinCodeForm,
    LoginForm,
    NameForm,
    RecoveryForm,
    SignupForm,
)
from .middleware import LAST_SEEN, SHARED_FLAG
from .models import DeletionRequest

SHARED_DEVICE_COOKIE = "tremplin_shared_device"


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[RECOVERY_CODE] = services.recovery_code_issue(user=user)
        messages.success(request, _("Bienvenue %(name)s ! Votre compte est créé.") % {"name": user.display_name})
        return redirect("accounts:recovery_code")
    return render(request, "accounts/signup.html", {"form": form})


# The recovery code just made stays in the person's session (their own code) until they log out,
# so its page can be reloaded and printed; only its hash is stored.
RECOVERY_CODE = "recovery_code"


@login_required
def recovery_code(request):
    """The recovery code to print or note: with it, a forgotten password can be replaced without e-mail."""
    if request.method == "POST":
        request.session[RECOVERY_CODE] = services.recovery_code_issue(user=request.user)
        return redirect("accounts:recovery_code")
    code = request.session.get(RECOVERY_CODE)
    response = render(request, "accounts/recovery_code.html", {"code": code})
    response["Cache-Control"] = "no-store"
    return response


def password_forgotten(request):
    """Three ways back into an account: the recovery code, an e-mail (when the account has an
    address), or the trainer or mediator, who prints a new login card."""
    from axes.handlers.proxy import AxesProxyHandler
    from django.contrib.auth.signals import user_login_failed

    form = RecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": form.cleaned_data["username"]}
        # Guessing a recovery code is guessing a password: the login's lock-out counts both.
        if AxesProxyHandler.is_locked(request, credentials):
            return render(request, "accounts/locked_out.html", status=429)
        done = services.recovery_code_reset(
            username=form.cleaned_data["username"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
        )
        if done is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.add_error(
                None,
                _(
                    "Ce nom d'utilisateur et ce code de secours ne vont pas ensemble. Vérifiez-les, ou "
                    "demandez une nouvelle carte de connexion à votre formateur ou médiateur."
                ),
            )
        else:
            user, code = done
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[RECOVERY_CODE] = code
            messages.success(
                request,
                _("Votre mot de passe est changé. Votre ancien code de secours ne fonctionne plus : notez le nouveau."),
            )
            return redirect("accounts:recovery_code")
    return render(request, "accounts/password_forgotten.html", {"form": form})


@login_required
def my_account(request):
    """Name, password, recovery code: what a person changes about their account."""
    form = NameForm(
        request.POST or None, initial={"first_name": request.user.first_name, "last_name": request.user.last_name}
    )
    if request.method == "POST" and form.is_valid():
        services.user_rename(
            user=request.user, first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"]
        )
        messages.success(request, _("Votre nom est corrigé."))
        return redirect("accounts:my_account")
    return render(request, "accounts/my_account.html", {"form": form})


@staff_required
def learner_rename(request, pk, learner_pk):
    """A trainer or mediator corrects the name of a learner of their cohort (a typo on the card)."""
    cohort = services.access_cohort(request.user, pk)
    learner = services.access_member(cohort, learner_pk)
    form = NameForm(request.POST or None, initial={"first_name": learner.first_name, "last_name": learner.last_name})
    if request.method == "POST" and form.is_valid():
        services.user_rename(
            user=learner, first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"]
        )
        messages.success(request, _("Nom corrigé : %(name)s.") % {"name": learner.display_name})
        return redirect(cohort)
    return render(request, "accounts/learner_rename.html", {"cohort": cohort, "learner": learner, "form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_initial(self):
        return {"shared_computer": self.request.COOKIES.get(SHARED_DEVICE_COOKIE) == "1"}

    def form_valid(self, form):
        response = super().form_valid(form)
        _mark_shared(self.request, response, form.cleaned_data.get("shared_computer"))
        return response

    def get_success_url(self):
        return _after_login(self.request, super().get_success_url())


def _after_login(request, url):
    """Where a person goes after signing in: first the questions waiting for them (an invitation
    into a group, sharing their progress with its mediators), then where they were going."""
    if selectors.questions_for(request.user):
        return f"{reverse('accounts:questions')}?{urlencode({'next': url})}"
    return url


def _mark_shared(request, response, shared):
    if shared:
        request.session[SHARED_FLAG] = True
        request.session[LAST_SEEN] = time.time()
        request.session.set_expiry(0)
        response.set_cookie(SHARED_DEVICE_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(SHARED_DEVICE_COOKIE)


class LogoutView(auth_views.LogoutView):
    """Logout also asks the browser to forget this site's cache and storage."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


def login_link(request, token):
    """A QR code from a login card: confirm with a button (link previews must not consume it)."""
    if request.method == "POST":
        user = services.login_link_use(token)
        if user is None:
            return render(request, "accounts/login_link.html", {"invalid": True}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        response = redirect(_after_login(request, reverse("accounts:dashboard")))
        _mark_shared(request, response, request.POST.get("shared_computer") == "on")
        return response
    return render(request, "accounts/login_link.html", {"token": token})


@login_required
def dashboard(request):
    user = request.user
    context = {"courses": courses_services.learner_courses(user) if user.is_learner else []}
    if user.is_learner:  # what the learner's promos ask for and is not handed in yet
        context["due"] = [item for item in exercises_selectors.due_items_of_learner(user) if not item.handed_in]
        if user.cohorts.exists():  # sessions to sign in to (attendance)
            context["open_sessions"] = attendance_selectors.open_sessions_of_learner(user)
    if user.is_trainer or user.is_coordinator:
        context["cohorts"] = services.cohorts_for_staff(user)
    if user.can_author:
        context["authored"] = courses_selectors.authored_courses(user)
    if user.is_coordinator:
        context["pending_deletions"] = DeletionRequest.objects.filter(status=DeletionRequest.Status.PENDING).count()
    return render(request, "accounts/dashboard.html", context)


# ---------------------------------------------------------------- cohorts


@staff_required
def cohort_list(request):
    cohorts = (
        services.cohorts_for_staff(request.user)
        .prefetch_related("trainers")
        .annotate(learner_count=Count("learners", distinct=True))
    )
    return render(request, "accounts/cohort_list.html", {"cohorts": cohorts})


@staff_required
def cohort_create(request):
    form = CohortForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        cohort = services.cohort_create(trainer=request.user, **form.cleaned_data)
        messages.success(request, _("Groupe créé.") if cohort.is_workshop else _("Promo créée."))
        return redirect(cohort)
    return render(request, "accounts/cohort_form.html", {"form": form})


@staff_required
def cohort_detail(request, pk):
    from progress import services as progress_services

    cohort = services.access_cohort(request.user, pk)
    context = {
        "cohort": cohort,
        "follows_qualification": progress_services.cohort_follows_any(cohort),
        "join_code_active": selectors.join_code_active(cohort),
        "invite_form": InviteForm(),
        "invitations": cohort.invitations.select_related("user").order_by("created_at"),
        "learners": cohort.learners.order_by("last_name", "first_name", "username"),
        "trainers": cohort.trainers.all(),
        "bulk_form": BulkLearnersForm(initial={"key": uuid.uuid4().hex}),
        "courses": courses_selectors.cohort_courses(cohort),
        "enrollable": courses_selectors.courses_for_cohort_enrolment(cohort),
    }
    return render(request, "accounts/cohort_detail.html", context)


@staff_required
def learners_create(request, pk):
    """Accounts for a list of names, then their cards: POST, then a redirect to the cards (a reload
    prints them again, creating nothing); the form's key makes a second POST of it show the same cards."""
    cohort = services.access_cohort(request.user, pk)
    form = BulkLearnersForm(request.POST or None, initial={"key": uuid.uuid4().hex})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["key"]
        done = request.session.get(CARD_KEYS, {}).get(key) if key else None
        if done and _card_batch(request, done) is not None:
            return redirect("accounts:card_batch", pk=cohort.pk, batch=done)
        duplicates = selectors.duplicate_names(cohort=cohort, names=form.cleaned_data["names"])
        if not duplicates or form.cleaned_data["allow_duplicates"]:
            cards = services.learners_create(cohort=cohort, names=form.cleaned_data["names"], by=request.user)
            batch = _keep_cards(request, cohort, cards)
            if key:
                request.session[CARD_KEYS] = {**request.session.get(CARD_KEYS, {}), key: batch}
            return redirect("accounts:card_batch", pk=cohort.pk, batch=batch)
    return render(request, "accounts/learners_form.html", {"cohort": cohort, "form": form, "duplicates": duplicates})


@staff_required
@require_POST
def login_cards(request, pk):
    """New passwords and links for the selected learners (or one), printed as cards."""
    cohort = services.access_cohort(request.user, pk)
    ids = request.POST.getlist("learner")
    learners = list(cohort.learners.filter(pk__in=ids)) if ids else []
    if not learners:
        messages.error(request, _("Choisissez au moins un apprenant."))
        return redirect(cohort)
    cards = [services.login_card_issue(learner=learner, by=request.user) for learner in learners]
    return redirect("accounts:card_batch", pk=cohort.pk, batch=_keep_cards(request, cohort, cards))


# Cards just made are kept in the trainer's session for a while, so that their page can be reloaded
# and printed again without making new accounts or passwords; then the passwords are gone for good.
CARD_BATCHES, CARD_KEYS = "login_card_batches", "login_card_keys"
CARDS_KEPT_S = 2 * 3600


def _keep_cards(request, cohort, cards):
    now = time.time()
    batches = {k: v for k, v in request.session.get(CARD_BATCHES, {}).items() if now - v["at"] < CARDS_KEPT_S}
    batch = uuid.uuid4().hex
    batches[batch] = {
        "at": now,
        "cohort": cohort.pk,
        "cards": [{"user": c.user.pk, "password": c.password, "token": c.token} for c in cards],
    }
    request.session[CARD_BATCHES] = batches
    return batch


def _card_batch(request, batch):
    kept = request.session.get(CARD_BATCHES, {}).get(batch)
    return kept if kept and time.time() - kept["at"] < CARDS_KEPT_S else None


@staff_required
def card_batch(request, pk, batch):
    """The cards just made, from the session: printed again as often as needed, nothing created."""
    cohort = services.access_cohort(request.user, pk)
    kept = _card_batch(request, batch)
    if kept is None or kept["cohort"] != cohort.pk:
        messages.error(
            request,
            _(
                "Ces cartes ne sont plus affichées (2 heures après leur création, ou dans une autre session) : "
                "choisissez les apprenants et imprimez-leur une nouvelle carte."
            ),
        )
        return redirect(cohort)
    users = cohort.learners.in_bulk([card["user"] for card in kept["cards"]])
    cards = [
        services.LoginCard(user=users[card["user"]], password=card["password"], token=card["token"])
        for card in kept["cards"]
        if card["user"] in users
    ]
    for card in cards:
        url = request.build_absolute_uri(reverse("accounts:login_link", args=[card.token]))
        card.url = url
        card.qr_svg = segno.make(url, error="m").svg_inline(scale=3, title=_("Code QR de connexion"))
    response = render(
        request, "accounts/login_cards.html", {"cohort": cohort, "cards": cards, "kept_hours": CARDS_KEPT_S // 3600}
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def learner_remove(request, pk, learner_pk):
    """« Retirer de la promo »: asked on a page of its own, done by its POST; the account stays."""
    cohort = services.access_cohort(request.user, pk)
    learner = services.access_member(cohort, learner_pk)
    if request.method == "POST":
        services.learner_remove(cohort=cohort, learner=learner, by=request.user)
        messages.success(
            request,
            _("%(name)s ne fait plus partie de la promo %(cohort)s. Son compte et son travail sont conservés.")
            % {"name": learner.display_name, "cohort": cohort.name},
        )
        return redirect(cohort)
    return render(request, "accounts/learner_remove.html", {"cohort": cohort, "learner": learner})


@staff_required
@require_POST
def login_links_revoke(request, pk, learner_pk):
    """« Carte perdue »: the password and the QR code printed on the card stop working."""
    cohort = services.access_cohort(request.user, pk)
    learner = services.access_member(cohort, learner_pk)
    services.login_card_revoke(learner=learner, by=request.user)
    messages.success(
        request,
        _(
            "Carte de %(name)s révoquée : le mot de passe et le code QR imprimés ne fonctionnent plus, et ses sessions "
            "ouvertes sont fermées. Imprimez-lui une nouvelle carte pour qu'il ou elle puisse se reconnecter."
        )
        % {"name": learner.display_name},
    )
    return redirect(cohort)


@staff_required
@require_POST
def cohort_course(request, pk):
    cohort = services.access_cohort(request.user, pk)
    course = get_object_or_404(courses_selectors.courses_for_cohort_enrolment(cohort), pk=request.POST.get("course"))
    if request.POST.get("action") == "remove":
        courses_services.course_unenrol_cohort(course=course, cohort=cohort)
        messages.success(request, _("La promo n'est plus inscrite à « %(course)s ».") % {"course": course.title})
    else:
        courses_services.course_enrol_cohort(course=course, cohort=cohort)
        messages.success(request, _("La promo est inscrite à « %(course)s ».") % {"course": course.title})
    return redirect(cohort)


# ---------------------------------------------------------------- joining a group


@staff_required
@require_POST
def cohort_join_code(request, pk):
    """Show a new code to join the group (the previous one stops working), or stop the current one."""
    cohort = services.access_cohort(request.user, pk)
    if request.POST.get("action") == "revoke":
        services.join_code_revoke(cohort=cohort)
        messages.success(request, _("Le code ne permet plus de rejoindre le groupe."))
    else:
        services.join_code_issue(cohort=cohort)
    return redirect(f"{cohort.get_absolute_url()}#rejoindre")


@staff_required
def cohort_invite(request, pk):
    """Add a person who already has an account: they accept at their next login."""
    cohort = services.access_cohort(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.cohort_invite(cohort=cohort, username=form.cleaned_data["username"], by=request.user)
        except services.JoinRefused as refusal:
            form.add_error("username", str(refusal))
        else:
            messages.success(
                request,
                _("Invitation enregistrée : %(name)s la verra à sa prochaine connexion et pourra accepter ou refuser.")
                % {"name": invitation.user.display_name},
            )
            return redirect(f"{cohort.get_absolute_url()}#rejoindre")
    return render(request, "accounts/cohort_invite.html", {"cohort": cohort, "form": form})


@login_required
def join(request):
    """A learner types the code a trainer or mediator shows, then confirms (seeing which group it is)."""
    form = JoinCodeForm(request.POST or None)
    cohort = None
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_by_join_code(user=request.user, code=form.cleaned_data["code"])
        except services.JoinRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            if request.POST.get("confirm") == "1":
                shares = request.POST.get("shares_progress") == "1" if selectors.has_mediator(cohort) else None
                services.cohort_join(user=request.user, cohort=cohort, shares_progress=shares)
                messages.success(request, _("Vous avez rejoint le groupe « %(name)s ».") % {"name": cohort.name})
                return redirect("accounts:dashboard")
    context = {"form": form, "cohort": cohort, "with_mediator": cohort is not None and selectors.has_mediator(cohort)}
    return render(request, "accounts/join.html", context)


@login_required
def questions(request):
    """After signing in: the invitations into groups, and « may the mediators see my progress? »."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    target = target or reverse("accounts:dashboard")
    if request.method == "POST":
        answer = request.POST.get("answer")
        if request.POST.get("invitation"):
            invitation = get_object_or_404(
                request.user.cohort_invitations.select_related("cohort"), pk=request.POST["invitation"]
            )
            if answer == "accept":
                shares = (
                    request.POST.get("shares_progress") == "1" if selectors.has_mediator(invitation.cohort) else None
                )
                try:
                    services.cohort_join(user=request.user, cohort=invitation.cohort, shares_progress=shares)
                    messages.success(
                        request, _("Vous avez rejoint le groupe « %(name)s ».") % {"name": invitation.cohort.name}
                    )
                except services.JoinRefused as refusal:
                    services.invitation_decline(user=request.user, pk=invitation.pk)
                    messages.info(request, str(refusal))
            else:
                services.invitation_decline(user=request.user, pk=invitation.pk)
                messages.info(
                    request,
                    _("Invitation refusée : vous ne faites pas partie du groupe « %(name)s ».")
                    % {"name": invitation.cohort.name},
                )
        elif answer in ("yes", "no"):
            services.sharing_set(user=request.user, shares=answer == "yes")
            messages.success(request, _("C’est noté. Vous pouvez changer d’avis dans « Mes réussites »."))
        return redirect(f"{reverse('accounts:questions')}?{urlencode({'next': target})}")
    pending = selectors.questions_for(request.user)
    if not pending:
        return redirect(target)
    invitations = [
        (invitation, selectors.has_mediator(invitation.cohort)) for invitation in pending.get("invitations", [])
    ]
    return render(
        request,
        "accounts/questions.html",
        {"invitations": invitations, "sharing": pending.get("sharing"), "next": target},
    )


# ---------------------------------------------------------------- personal data


@login_required
def my_data(request):
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.deletion_request_create(user=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("Votre demande de suppression est enregistrée. Un coordinateur la traitera sous un mois.")
        )
        return redirect("accounts:my_data")
    pending = request.user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()
    return render(request, "accounts/my_data.html", {"form": form, "pending": pending})


@login_required
def my_data_download(request):
    """Everything Tremplin keeps about the person: a zip with a JSON index, the files and a README in French."""
    response = HttpResponse(personal_data.export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="tremplin-{request.user.username}.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@coordinator_required
def deletion_requests(request):
    items = DeletionRequest.objects.select_related("processed_by")[:200]
    return render(request, "accounts/deletion_requests.html", {"items": items, "form": DeletionDecisionForm()})


@coordinator_required
@require_POST
def deletion_request_process(request, pk):
    item = get_object_or_404(DeletionRequest, pk=pk)
    form = DeletionDecisionForm(request.POST)
    if form.is_valid():
        done = services.deletion_request_process(
            request=item,
            by=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            comment=form.cleaned_data["comment"],
        )
        if done:
            messages.success(request, _("Demande de %(name)s traitée.") % {"name": item.username})
    else:
        messages.error(request, _("Choisissez une décision."))
    return redirect("accounts:deletion_requests")
