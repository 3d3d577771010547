"""courses.qualifications: what courses and exercises ask of the app that owns qualifications, through
the functions progress registers when it starts (dependencies run one way: docs/architecture.md)."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from courses import qualifications
from courses.models import Lesson
from courses.qualifications import CompetenceCodesField
from progress.frameworks import default_files, load_framework
from progress.models import ActivityLink
from progress.services import attestation_policy_clean, sync_links, unknown_codes


@pytest.fixture
def frameworks(db):
    for path in default_files():
        load_framework(path)


def test_progress_registers_its_functions_when_it_starts():
    hooks = qualifications._hooks()
    assert (hooks.unknown_codes, hooks.links_changed, hooks.attestation_policy_clean) == (
        unknown_codes,
        sync_links,
        attestation_policy_clean,
    )


def test_without_the_app_that_owns_qualifications_the_call_says_so(monkeypatch):
    monkeypatch.setattr(qualifications, "_HOOKS", [])
    with pytest.raises(ImproperlyConfigured, match="progress"):
        qualifications.unknown_codes(["CRCN-1.1"])


def test_registering_again_replaces_the_functions(monkeypatch):
    monkeypatch.setattr(qualifications, "_HOOKS", list(qualifications._HOOKS))
    seen = []
    qualifications.register(
        unknown_codes=lambda codes: [c for c in codes if c != "A"],
        links_changed=lambda **activity: seen.append(activity),
        attestation_policy_clean=lambda raw: ({"raw": raw}, []),
    )
    assert qualifications.unknown_codes(["A", "B"]) == ["B"]
    qualifications.links_changed(lesson="une leçon")
    assert seen == [{"lesson": "une leçon", "exercise": None}]
    assert qualifications.attestation_policy_clean({"min_score": 70}) == ({"raw": {"min_score": 70}}, [])


def test_the_field_reads_codes_separated_by_commas_spaces_or_semicolons_once_each(frameworks):
    field = CompetenceCodesField()
    assert field.clean("RNCP37674-CP3, CRCN-3.4;RNCP37674-CP3\n CRCN-3.4") == ["RNCP37674-CP3", "CRCN-3.4"]
    assert field.clean("") == [] and field.clean(None) == []
    assert not field.required


def test_the_field_refuses_unknown_codes_naming_them(frameworks):
    with pytest.raises(ValidationError) as info:
        CompetenceCodesField().clean("RNCP37674-CP3, RNCP99999-CP1, XYZ")
    assert info.value.messages == ["Codes inconnus : RNCP99999-CP1, XYZ (voir les référentiels chargés)."]


def test_the_field_shows_a_stored_list_as_text():
    field = CompetenceCodesField(encoder=object, decoder=object)  # as a JSONField's form field passes them
    assert field.prepare_value(["RNCP37674-CP3", "CRCN-3.4"]) == "RNCP37674-CP3, CRCN-3.4"
    assert field.prepare_value("déjà du texte") == "déjà du texte"
    assert str(field.label) == "Compétences travaillées"


def test_a_lesson_s_codes_reach_progress_through_the_hook(frameworks, basics_course):
    lesson = Lesson.objects.filter(module__course=basics_course).first()
    lesson.competences = ["CRCN-1.1", "CRCN-9.9"]
    lesson.save()
    qualifications.links_changed(lesson=lesson)
    links = set(ActivityLink.objects.filter(lesson=lesson).values_list("competence__code", flat=True))
    assert links == {"CRCN-1.1"}  # unknown codes are ignored by the link, refused by the form
    lesson.competences = []
    qualifications.links_changed(lesson=lesson)
    assert not ActivityLink.objects.filter(lesson=lesson).exists()


def test_a_course_package_s_attestation_policy_is_checked_by_progress_rules(db):
    policy, problems = qualifications.attestation_policy_clean({"min_score": 150})
    assert policy == {} and [key for key, _message in problems] == ["min_score"]
