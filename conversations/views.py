from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import MessageForm


@login_required
def thread(request, learner_pk, name, pk):
    """A thread about a learner's work: read it, write in it (the learner asks for help on an exercise
    with ?aide=1). Without JavaScript: a form and a redirect."""
    subject = services.access_thread(request.user, learner_pk, name, pk)
    asks_for_help = name == "exercise" and request.user.pk == subject.learner.pk
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_post(
                    subject=subject,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    asks_for_help=asks_for_help,
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(
                    request,
                    _("Votre demande est envoyée à vos formateurs.") if asks_for_help else _("Message envoyé."),
                )
                return redirect(subject.thread_url + "#discussion")
        status = 400
    return render(
        request,
        "conversations/thread.html",
        {
            "subject": subject,
            "entries": selectors.thread(subject),
            "form": form,
            "asks_for_help": asks_for_help,
            "own": request.user.pk == subject.learner.pk,
        },
        status=status,
    )
