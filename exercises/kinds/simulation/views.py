"""A simulation's own pages: the simulator as the learner uses it. Every step is checked by the
simulator and recorded on the server as it happens (nothing is lost, nothing can be forged); the
pages work without JavaScript (links and forms only)."""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as accounts_services

from ... import selectors, services
from ...models import Accompaniment, Exercise
from .forms import AccountForm, PageForm, PayForm, SignInForm, WriteForm
from .scenario import MAX_STEPS
from .simulators import SIMULATORS, StepRefused

log = logging.getLogger(__name__)


class Run:
    """One learner's simulation: the exercise, its scenario and simulator, the steps so far, the state."""

    def __init__(self, request, pk):
        from . import Simulation

        self.exercise = services.access_exercise(request.user, pk)
        if self.exercise.kind != Simulation.name:
            raise Http404
        self.learner = request.user
        self.scenario = self.exercise.config["scenario"]
        self.simulator = SIMULATORS[self.scenario["simulator"]]
        self.steps = selectors.steps_in_progress(self.exercise, self.learner)
        self.state = self.simulator.replay(self.scenario, self.steps)
        self.accompaniments = selectors.accompaniments_of(self.exercise, self.learner)

    def record(self, step):
        """Check the step, then keep it; StepRefused (or SubmissionRefused) with the reason if not."""
        state = self.simulator.apply(self.scenario, self.state, step)
        self.steps = services.step_record(exercise=self.exercise, learner=self.learner, step=step, limit=MAX_STEPS)
        self.state = state

    def message(self, message_id):
        message = self.simulator.message(self.scenario, message_id)
        if message is None or message["id"] in self.state["deleted"]:
            raise Http404
        return message

    @property
    def nav_template(self):
        return f"kinds/simulation/{self.simulator.name}/_nav.html"

    def url(self, name, *args):
        return reverse(f"exercises:simulation_{name}", args=[self.exercise.pk, *args])

    def render(self, request, template, **context):
        return render(
            request,
            [f"kinds/simulation/{self.simulator.name}/{template}.html", f"kinds/simulation/{template}.html"],
            {"run": self, "exercise": self.exercise, "scenario": self.scenario, "state": self.state, **context},
        )


@login_required
def home(request, pk):
    """The simulator's first page: the messages, or the search for a practitioner."""
    run = Run(request, pk)
    return run.render(request, "home", current="home", **run.simulator.home(run.scenario, run.state, request.GET))


def _booking(request, pk):
    run = Run(request, pk)
    if not hasattr(run.simulator, "search"):
        raise Http404
    return run


@login_required
def practitioner(request, pk, practitioner_id):
    """A practitioner's page: where, and the free slots."""
    run = _booking(request, pk)
    shown = run.simulator.practitioner(run.scenario, practitioner_id)
    if shown is None:
        raise Http404
    taken = run.simulator.taken(run.scenario, run.state, shown)
    slots = [{"slot": slot, "free": slot not in taken} for slot in shown.get("slots", [])]
    return run.render(request, "practitioner", practitioner=shown, slots=slots)


@login_required
def confirm(request, pk, practitioner_id):
    """A chosen slot, to confirm (the confirmation is a POST to simulation_act)."""
    run = _booking(request, pk)
    shown = run.simulator.practitioner(run.scenario, practitioner_id)
    slot = request.GET.get("creneau", "")
    if shown is None or slot not in shown.get("slots", []):
        raise Http404
    return run.render(request, "confirm", practitioner=shown, slot=slot)


@login_required
def appointments(request, pk):
    """« Mes rendez-vous »: to find an appointment and cancel it."""
    run = _booking(request, pk)
    return run.render(
        request,
        "appointments",
        appointments=run.simulator.appointments(run.scenario, run.state),
        current="appointments",
    )


@login_required
def message(request, pk, message_id):
    """A message, read: the first reading is a step (an expectation may ask that it be read)."""
    run = Run(request, pk)
    shown = run.message(message_id)
    if shown["id"] not in run.state["opened"]:
        try:
            run.record({"do": "open", "message": shown["id"]})
        except (StepRefused, services.SubmissionRefused) as exc:
            messages.error(request, str(exc))
        except DatabaseError as error:  # a full disk: the message is read anyway, and the learner told
            log.warning("simulation step not recorded: %s", error)
            messages.error(
                request,
                _("Le serveur est plein : votre lecture de ce message n’a pas été enregistrée. Réessayez plus tard."),
            )
    return run.render(
        request,
        "message",
        message=shown,
        reported=shown["id"] in run.state["reported"],
        buttons=run.simulator.message_buttons(shown, run.state),
    )


@login_required
@require_POST
def act(request, pk):
    """A button of the simulator's pages: open a link, delete, report, sort, book, cancel…"""
    run = Run(request, pk)
    step = run.simulator.step_from(request.POST)
    if step is None:
        raise Http404
    try:
        run.record(step)
    except (StepRefused, services.SubmissionRefused) as exc:
        messages.error(request, str(exc))
        return redirect(run.url(*run.simulator.refused(step)))
    done = run.simulator.done(step)
    if done:
        messages.success(request, done)
    return redirect(run.url(*run.simulator.after(step)))


@login_required
def link(request, pk, message_id, index):
    """The page a message's link leads to: simulated, said so."""
    run = Run(request, pk)
    shown = run.message(message_id)
    links = shown.get("links", [])
    if index >= len(links):
        raise Http404
    return run.render(request, "link", message=shown, link=links[index])


@login_required
def write(request, pk):
    """Write a message (a new one, a reply or a forward) and send it — into the simulation only."""
    run = Run(request, pk)
    if not hasattr(run.simulator, "send"):
        raise Http404
    reply_to = run.message(request.GET["repondre"]) if request.GET.get("repondre") else None
    forward_of = run.message(request.GET["transferer"]) if request.GET.get("transferer") and not reply_to else None
    attachable = run.simulator.attachable(run.scenario, forward_of)
    initial = {}
    if reply_to:
        initial = {"to": reply_to["address"], "subject": _("RE : %(s)s") % {"s": reply_to["subject"]}}
    elif forward_of:
        initial = {
            "subject": _("TR : %(s)s") % {"s": forward_of["subject"]},
            "body": "\n\n"
            + _("---- Message transféré de %(who)s ----") % {"who": forward_of["from"]}
            + "\n"
            + forward_of["body"],
            "attach": forward_of.get("attachments", []),
        }
    form = WriteForm(request.POST or None, initial=initial, attachable=attachable)
    if request.method == "POST" and form.is_valid():
        step = {
            "do": "send",
            "to": form.recipients(),
            "subject": form.cleaned_data["subject"],
            "body": form.cleaned_data["body"],
            "attach": form.cleaned_data.get("attach", []),
            "reply_to": reply_to["id"] if reply_to else None,
            "forward_of": forward_of["id"] if forward_of else None,
        }
        try:
            run.record(step)
        except (StepRefused, services.SubmissionRefused) as exc:
            form.add_error(
                getattr(exc, "field", None) if getattr(exc, "field", None) in form.fields else None, str(exc)
            )
        else:
            messages.success(request, _("Message envoyé (dans la simulation seulement)."))
            return redirect(run.url("home"))
    current = "" if reply_to or forward_of else "write"
    return run.render(request, "write", form=form, reply_to=reply_to, forward_of=forward_of, current=current)


def _shop(request, pk):
    run = Run(request, pk)
    if not hasattr(run.simulator, "cart"):
        raise Http404
    return run


def _site(run, site_id):
    site = run.simulator.site(run.scenario, site_id)
    if site is None:
        raise Http404
    return site


@login_required
def site(request, pk, site_id):
    """A shop's page: its address, what it says, its products."""
    run = _shop(request, pk)
    shown = _site(run, site_id)
    products = [p for p in run.scenario.get("products", []) if p["site"] == shown["id"]]
    in_cart = run.simulator.cart(run.scenario, run.state, shown["id"])
    return run.render(request, "site", site=shown, products=products, in_cart=in_cart)


@login_required
def cart(request, pk):
    """The carts, one per site."""
    run = _shop(request, pk)
    carts = [
        {"site": s, "products": run.simulator.cart(run.scenario, run.state, s["id"])}
        for s in run.scenario.get("sites", [])
    ]
    return run.render(request, "cart", carts=[c for c in carts if c["products"]], current="cart")


@login_required
def checkout(request, pk, site_id):
    """The payment page of a site. What is typed there is checked as a real page would, and never kept:
    the step only records that the learner paid on this site."""
    run = _shop(request, pk)
    shown = _site(run, site_id)
    products = run.simulator.cart(run.scenario, run.state, shown["id"])
    form = PayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run.record({"do": "pay", "site": shown["id"]})
        except (StepRefused, services.SubmissionRefused) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Paiement accepté (simulation : aucun argent n’a été pris)."))
            return redirect(run.url("home"))
    return run.render(request, "checkout", site=shown, products=products, form=form)


def _procedure(request, pk):
    run = Run(request, pk)
    if not hasattr(run.simulator, "pages"):
        raise Http404
    return run


def _record_or_error(run, form, step):
    """Record a page's step; on refusal, the reason goes on the form (on its field when it names one)."""
    try:
        run.record(step)
    except (StepRefused, services.SubmissionRefused) as exc:
        field = getattr(exc, "field", None)
        form.add_error(field if field in form.fields else None, str(exc))
        return False
    return True


@login_required
def account(request, pk):
    """Creating an account on the portal (the password is checked, never kept)."""
    run = _procedure(request, pk)
    if not run.scenario["portal"].get("accounts"):
        raise Http404
    form = AccountForm(request.POST or None)
    step = {"do": "create_account", "email": form.cleaned_data["email"]} if form.is_valid() else None
    if request.method == "POST" and step and _record_or_error(run, form, step):
        messages.success(request, _("Votre compte est créé et vous êtes connecté (dans la simulation seulement)."))
        return redirect(run.url("home"))
    return run.render(request, "account", form=form, current="account")


@login_required
def provider(request, pk):
    """The simulated identity provider: its own page and address, its sign-in form; then what it passes
    on to the portal."""
    run = _procedure(request, pk)
    shown = run.scenario.get("provider")
    if not shown:
        raise Http404
    if run.state["signed_in"] == "provider":
        return run.render(request, "consent", provider=shown)
    form = SignInForm(request.POST or None, provider=shown)
    if (
        request.method == "POST"
        and form.is_valid()
        and _record_or_error(run, form, {"do": "sign_in", "via": "provider"})
    ):
        return redirect(run.url("provider"))
    return run.render(request, "provider", provider=shown, form=form)


@login_required
def form_page(request, pk, page_id):
    """One step of the procedure's form, checked like a real one."""
    run = _procedure(request, pk)
    page = run.simulator.page(run.scenario, page_id)
    if page is None:
        raise Http404
    if not run.state["signed_in"]:
        messages.error(request, _("Identifiez-vous d'abord."))
        return redirect(run.url("home"))
    if run.state["submitted"]:
        return redirect(run.url("summary"))
    form = PageForm(
        request.POST or None,
        initial=run.state["answers"].get(page["id"], {}),
        simulator=run.simulator,
        scenario=run.scenario,
        page=page,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _record_or_error(run, form, {"do": "fill", "page": page["id"], "values": form.values()})
    ):
        following = run.simulator.next_page(run.scenario, run.state)
        return redirect(run.url("form", following["id"]) if following else run.url("summary"))
    pages = run.simulator.pages(run.scenario)
    return run.render(
        request,
        "form",
        form=form,
        page=page,
        number=pages.index(page) + 1,
        count=len(pages),
        documents=run.simulator.documents(run.scenario),
    )


@login_required
def summary(request, pk):
    """The answers before sending (each step can be changed), then the receipt once sent."""
    run = _procedure(request, pk)
    if not run.state["signed_in"]:
        return redirect(run.url("home"))
    answered = [
        {
            "page": page,
            "answers": [
                (field["label"], run.state["answers"].get(page["id"], {}).get(field["id"], ""))
                for field in page["fields"]
            ],
        }
        for page in run.simulator.pages(run.scenario)
    ]
    return run.render(
        request,
        "summary",
        answered=answered,
        missing=run.simulator.next_page(run.scenario, run.state),
        current="summary",
    )


@login_required
def receipt(request, pk):
    """The receipt as a PDF (marked as a simulation). Downloading it is a step."""
    from .receipt import receipt_pdf

    run = _procedure(request, pk)
    if not run.state["submitted"]:
        raise Http404
    if not run.state["receipt"]:
        try:
            run.record({"do": "download_receipt"})
        except (StepRefused, services.SubmissionRefused) as exc:
            messages.error(request, str(exc))
            return redirect(run.url("summary"))
        except DatabaseError as error:
            log.warning("simulation step not recorded: %s", error)
    response = HttpResponse(receipt_pdf(run), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="recepisse-{run.state["submitted"]}.pdf"'
    return response


@login_required
@require_POST
def restart(request, pk):
    """« Recommencer »: the scenario from its start (the attempts already sent stay)."""
    run = Run(request, pk)
    services.steps_clear(exercise=run.exercise, learner=run.learner)
    messages.success(request, _("La simulation recommence du début."))
    return redirect(run.url("home") if request.POST.get("next") == "simulation" else run.exercise.get_absolute_url())


# ---------------------------------------------------------------- following a simulation live (mode accompagné)


def _simulation(pk):
    from . import Simulation

    exercise = Exercise.objects.filter(pk=pk, kind=Simulation.name).first()
    if exercise is None:
        raise Http404
    return exercise


@login_required
def accompany(request):
    """A mediator's (or trainer's) list: the people of their groups doing a simulation now, to ask to follow
    one of them live. Only names and titles: the steps are seen once the person agrees."""
    from . import Simulation

    if not request.user.is_trainer:
        raise PermissionDenied
    since = timezone.now() - Accompaniment.LIVE
    works = [
        w
        for w in selectors.works_in_progress(accounts_services.learners_in_charge(request.user), since=since)
        if w.exercise.kind == Simulation.name
    ]
    asked = {(a.exercise_id, a.learner_id): a for a in selectors.accompaniments_by(request.user, since=since)}
    rows = [{"work": w, "accompaniment": asked.get((w.exercise_id, w.learner_id))} for w in works]
    return render(request, "kinds/simulation/accompany.html", {"rows": rows})


@login_required
@require_POST
def accompany_ask(request, pk, learner_pk):
    exercise = _simulation(pk)
    learner = get_object_or_404(get_user_model(), pk=learner_pk)
    services.accompaniment_ask(exercise=exercise, learner=learner, by=request.user)
    return redirect("exercises:simulation_follow", pk, learner_pk)


@login_required
def follow(request, pk, learner_pk):
    """Following one person's simulation: each step as it is done, and what is already right. Refreshed
    by htmx every few seconds; without JavaScript, « Mettre à jour » does the same."""
    exercise = _simulation(pk)
    learner = get_object_or_404(get_user_model(), pk=learner_pk)
    accompaniment = selectors.accompaniment(exercise, learner, request.user)
    if accompaniment is None or not accounts_services.in_charge_of(request.user, learner):
        raise Http404
    context = {"exercise": exercise, "learner": learner, "accompaniment": accompaniment}
    if accompaniment.following:
        scenario = exercise.config["scenario"]
        simulator = SIMULATORS[scenario["simulator"]]
        steps = selectors.steps_in_progress(exercise, learner)
        state = simulator.replay(scenario, steps)
        context.update(
            scenario=scenario,
            steps=[simulator.describe(scenario, step) for step in steps],
            expectations=[(e["name"], simulator.holds(scenario, state, steps, e)) for e in scenario["expectations"]],
        )
    return render(request, "kinds/simulation/follow.html", context)


@login_required
@require_POST
def accompany_answer(request, pk, accompaniment_pk):
    """The learner's answer (« oui » or « non »), or either side ending the following."""
    exercise = _simulation(pk)
    answer = request.POST.get("answer")
    if answer in ("accept", "refuse"):
        done = services.accompaniment_answer(learner=request.user, pk=accompaniment_pk, accept=answer == "accept")
        if done:
            messages.success(
                request,
                _("Votre accord est enregistré : vous pouvez l’arrêter à tout moment.")
                if answer == "accept"
                else _("C’est noté : personne ne suit votre démarche."),
            )
    elif answer == "end":
        done = services.accompaniment_end(user=request.user, pk=accompaniment_pk)
        if done:
            messages.success(request, _("Le suivi en direct est arrêté."))
    else:
        done = False
    if not done:
        raise Http404
    following = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(following, allowed_hosts=None) or not following.startswith("/"):
        following = exercise.get_absolute_url()
    return redirect(following)


urlpatterns = [
    path("<int:pk>/simulation/", home, name="simulation_home"),
    path("<int:pk>/simulation/messages/<slug:message_id>/", message, name="simulation_message"),
    path("<int:pk>/simulation/messages/<slug:message_id>/liens/<int:index>/", link, name="simulation_link"),
    path("<int:pk>/simulation/agir/", act, name="simulation_act"),
    path("<int:pk>/simulation/ecrire/", write, name="simulation_write"),
    path("<int:pk>/simulation/recommencer/", restart, name="simulation_restart"),
    path("<int:pk>/simulation/praticiens/<slug:practitioner_id>/", practitioner, name="simulation_practitioner"),
    path("<int:pk>/simulation/praticiens/<slug:practitioner_id>/confirmer/", confirm, name="simulation_confirm"),
    path("<int:pk>/simulation/rendez-vous/", appointments, name="simulation_appointments"),
    path("<int:pk>/simulation/sites/<slug:site_id>/", site, name="simulation_site"),
    path("<int:pk>/simulation/sites/<slug:site_id>/paiement/", checkout, name="simulation_checkout"),
    path("<int:pk>/simulation/panier/", cart, name="simulation_cart"),
    path("<int:pk>/simulation/creer-un-compte/", account, name="simulation_account"),
    path("<int:pk>/simulation/identification/", provider, name="simulation_provider"),
    path("<int:pk>/simulation/formulaire/<slug:page_id>/", form_page, name="simulation_form"),
    path("<int:pk>/simulation/recapitulatif/", summary, name="simulation_summary"),
    path("<int:pk>/simulation/recepisse.pdf", receipt, name="simulation_receipt"),
    path("simulations/accompagner/", accompany, name="simulation_accompany"),
    path("<int:pk>/simulation/accompagner/<int:learner_pk>/", accompany_ask, name="simulation_accompany_ask"),
    path("<int:pk>/simulation/suivre/<int:learner_pk>/", follow, name="simulation_follow"),
    path("<int:pk>/simulation/accord/<int:accompaniment_pk>/", accompany_answer, name="simulation_accompany_answer"),
]
