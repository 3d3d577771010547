"""What courses and exercises need from the app that owns qualifications, registered when it starts.

Lessons and exercises carry competence codes, and a course package may set an attestation policy;
the frameworks, the links and the policy's rules belong to progress, an app above this one. So
progress registers its functions here in its AppConfig.ready (`register`), and the lower apps call
these instead of importing it (docs/architecture.md: dependencies run one way).
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass
class Hooks:
    unknown_codes: object  # codes -> the codes no loaded framework defines
    links_changed: object  # (*, lesson=None, exercise=None): an activity's codes were saved
    attestation_policy_clean: object  # raw [attestation] table -> (policy, [(dotted key, message)])


_HOOKS = []


def register(**functions):
    """Called once by the app that owns qualifications (progress.apps.ProgressConfig.ready)."""
    _HOOKS[:] = [Hooks(**functions)]


def _hooks():
    if not _HOOKS:
        raise ImproperlyConfigured("No app registered the qualification hooks (is progress installed?)")
    return _HOOKS[0]


def unknown_codes(codes):
    return _hooks().unknown_codes(codes)


def links_changed(*, lesson=None, exercise=None):
    _hooks().links_changed(lesson=lesson, exercise=exercise)


def attestation_policy_clean(raw):
    return _hooks().attestation_policy_clean(raw)


class CompetenceCodesField(forms.CharField):
    """Competence codes typed as text (« RNCP37674-CP3, CRCN-3.4 »), checked against the loaded frameworks."""

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)  # as the form field of a model JSONField
        kwargs.pop("decoder", None)
        kwargs["required"] = False
        kwargs.setdefault("label", _("Compétences travaillées"))
        kwargs.setdefault("help_text", _("Codes séparés par des virgules, par exemple RNCP37674-CP3, CRCN-3.4."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        codes = list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text) if code))
        unknown = unknown_codes(codes)
        if unknown:
            raise ValidationError(
                _("Codes inconnus : %(codes)s (voir les référentiels chargés)."),
                code="unknown",
                params={"codes": ", ".join(unknown)},
            )
        return codes
