import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Presence, Session
from .services import CODE_DIGITS, DEFAULT_TIMES

MAX_REPEAT_DAYS = 366


def _time_field(label):
    return forms.TimeField(label=label, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class SessionDetailsForm(forms.Form):
    """What a session is: its times, place and trainer (the date and half-day are set when it is created)."""

    starts_at = _time_field(_("Début"))
    ends_at = _time_field(_("Fin"))
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    trainer = forms.ModelChoiceField(label=_("Formateur ou médiateur"), queryset=None, required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = cohort.trainers.order_by("first_name", "username")
        self.fields["trainer"].label_from_instance = lambda user: user.display_name
        self.fields["trainer"].empty_label = _("Personne en particulier")

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("La fin doit venir après le début."))
        return data


class SessionForm(SessionDetailsForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    half_day = forms.ChoiceField(label=_("Demi-journée"), choices=Session.HalfDay.choices)
    repeat_until = forms.DateField(
        label=_("Répéter chaque jour de semaine jusqu’au (facultatif)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Du lundi au vendredi, à la même demi-journée ; les séances qui existent déjà sont gardées."),
    )
    field_order = ["date", "half_day", "starts_at", "ends_at", "place", "trainer", "repeat_until"]

    def __init__(self, *args, cohort, user, **kwargs):
        super().__init__(*args, cohort=cohort, **kwargs)
        morning = DEFAULT_TIMES[Session.HalfDay.MORNING]
        self.fields["starts_at"].initial, self.fields["ends_at"].initial = morning
        self.fields["place"].initial = cohort.site.name
        if cohort.trainers.filter(pk=user.pk).exists():
            self.fields["trainer"].initial = user.pk
        self.fields["starts_at"].required = self.fields["ends_at"].required = False
        self.fields["starts_at"].help_text = _("Vide : 9 h 00 – 12 h 30 le matin, 13 h 30 – 17 h 00 l’après-midi.")

    def clean(self):
        data = forms.Form.clean(self)
        half_day = data.get("half_day")
        if half_day:
            default_start, default_end = DEFAULT_TIMES[half_day]
            data["starts_at"] = data.get("starts_at") or default_start
            data["ends_at"] = data.get("ends_at") or default_end
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends_at", _("La fin doit venir après le début."))
        date, until = data.get("date"), data.get("repeat_until")
        if date and until:
            if until < date:
                self.add_error("repeat_until", _("Cette date vient avant celle de la première séance."))
            elif until - date > datetime.timedelta(days=MAX_REPEAT_DAYS):
                self.add_error("repeat_until", _("Une année au plus à la fois."))
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code de la séance"),
        max_length=20,
        help_text=_("Les %(n)s chiffres affichés par votre formateur ou votre médiateur.") % {"n": CODE_DIGITS},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "mono", "spellcheck": "false"}
        ),
    )
    qr = forms.BooleanField(required=False, widget=forms.HiddenInput)


class RosterForm(forms.Form):
    """The session's list: for each learner of the roster, present (for how long) or absent (why)."""

    STATUS_CHOICES = [("", _("Non noté")), *Presence.Status.choices]

    def __init__(self, *args, session, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.session, self.rows = session, []
        for learner, presence in lines:
            key = str(learner.pk)
            self.fields[f"status-{key}"] = forms.ChoiceField(
                label=_("Présence"), choices=self.STATUS_CHOICES, required=False, initial=presence and presence.status
            )
            self.fields[f"minutes-{key}"] = forms.IntegerField(
                label=_("Minutes de présence"),
                required=False,
                min_value=0,
                max_value=session.minutes,
                initial=presence.minutes if presence and presence.status == Presence.Status.PRESENT else None,
            )
            self.fields[f"reason-{key}"] = forms.ChoiceField(
                label=_("Motif d’absence"),
                choices=[("", "—"), *Presence.Reason.choices],
                required=False,
                initial=presence and presence.reason,
            )
            self.fields[f"comment-{key}"] = forms.CharField(
                label=_("Précision"), max_length=300, required=False, initial=presence and presence.comment
            )
            self.rows.append((learner, presence, key))

    def clean(self):
        data = super().clean()
        for _learner, _presence, key in self.rows:
            status = data.get(f"status-{key}")
            if status == Presence.Status.EXCUSED and not data.get(f"reason-{key}"):
                self.add_error(f"reason-{key}", _("Une absence justifiée a un motif."))
            if status != Presence.Status.PRESENT and data.get(f"minutes-{key}"):
                self.add_error(f"minutes-{key}", _("Des minutes de présence seulement pour une personne présente."))
        return data

    def bound_rows(self):
        """(learner, presence, status, minutes, reason, comment) bound fields, for the table."""
        return [
            (learner, presence, *(self[f"{name}-{key}"] for name in ("status", "minutes", "reason", "comment")))
            for learner, presence, key in self.rows
        ]

    def marks(self):
        return {
            learner: (
                self.cleaned_data[f"status-{key}"],
                self.cleaned_data[f"minutes-{key}"],
                self.cleaned_data[f"reason-{key}"]
                if self.cleaned_data[f"status-{key}"] != Presence.Status.PRESENT
                else "",
                self.cleaned_data[f"comment-{key}"].strip(),
            )
            for learner, _presence, key in self.rows
        }
