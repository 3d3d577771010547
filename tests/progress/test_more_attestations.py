"""Attestations: the policy's details, what an attestation keeps, revocation, the public pages and the Open
Badges documents; and the server-drawn SVG chart of the indicators."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from courses.models import Course
from progress import services
from progress.charts import bar_chart_svg
from progress.models import ActivityMonth, Attestation, requirement_lines
from tests.conftest import make_user

BASE = "https://tremplin.example"


@pytest.fixture
def attestation(resident, basics_course):
    return services.attestation_issue(user=resident, course=basics_course)


# ---------------------------------------------------------------- policy


def test_a_boolean_is_not_a_percentage(db):
    policy, problems = services.attestation_policy_clean({"min_score": True})
    assert policy == {} and [key for key, _message in problems] == ["min_score"]


def test_a_whole_percentage_written_as_a_decimal_is_kept_as_an_integer(db):
    policy, problems = services.attestation_policy_clean({"min_score": 75.0, "min_score_by_kind": {"quiz": 62.5}})
    assert problems == []
    assert policy == {"lessons": True, "min_score": 75, "min_score_by_kind": {"quiz": 62.5}}
    assert isinstance(policy["min_score"], int)


def test_one_problem_discards_the_whole_table(db):
    policy, problems = services.attestation_policy_clean({"lessons": False, "min_score": 200})
    assert policy == {} and [key for key, _message in problems] == ["min_score"]


def test_a_stored_partial_policy_gets_the_missing_defaults(basics_course):
    basics_course.attestation_policy = {"min_score_by_kind": {"sql": 80}}
    assert services.attestation_policy(basics_course) == {
        "lessons": True,
        "min_score": 60,
        "min_score_by_kind": {"sql": 80},
    }


def test_requirement_lines_say_each_rule_in_french(db):
    lines = requirement_lines(
        {
            "lessons": True,
            "exercises": [
                {"kind": "quiz", "label": "Quiz", "min_score": 62.5},
                {"kind": "sql", "label": "SQL", "min_score": 0},
            ],
        }
    )
    assert lines == [
        "toutes les leçons terminées",
        "chaque exercice de type « Quiz » réussi à 62,5 % au moins",
        "chaque exercice de type « SQL » rendu et corrigé",
    ]
    assert requirement_lines({"lessons": False, "exercises": []}) == []


# ---------------------------------------------------------------- issue and revoke


def test_an_attestation_keeps_the_names_of_its_day(resident, basics_course, attestation):
    basics_course.duration_minutes = 90
    basics_course.title = "Nouveau titre"
    basics_course.save()
    resident.first_name = "Awa-Marie"
    resident.save()
    stored = Attestation.objects.get(pk=attestation.pk)
    assert (stored.learner_name, stored.course_title) == ("Awa", "Cours courriel")
    assert stored.requirements == {"lessons": True, "exercises": []}


def test_issuing_twice_gives_the_same_attestation_counted_once(resident, basics_course, attestation):
    again = services.attestation_issue(user=resident, course=basics_course)
    assert again.pk == attestation.pk and Attestation.objects.count() == 1
    rows = list(ActivityMonth.objects.filter(user=resident).values_list("track_id", "attestations"))
    assert rows == [(basics_course.track_id, 1)]


def test_a_revocation_keeps_a_reason_cut_to_300_characters(attestation):
    services.attestation_revoke(attestation=attestation, reason="x" * 400)
    stored = Attestation.objects.get(pk=attestation.pk)
    assert stored.revoked_at is not None and stored.revocation_reason == "x" * 300


def test_a_learner_lists_only_their_own_attestations(resident, basics_course, attestation):
    other = make_user("binta", Role.RESIDENT)
    services.attestation_issue(user=other, course=basics_course)
    assert services.attestations_for(resident) == [attestation]
    assert services.attestation_by_token(attestation.token) == attestation
    assert services.attestation_by_token("inconnu") is None


# ---------------------------------------------------------------- Open Badges


def test_the_assertion_tells_what_was_attested_and_when(attestation, basics_course):
    data = services.badge_assertion(attestation, BASE)
    assert data["badge"] == f"{BASE}/badges/{basics_course.slug}.json"
    assert data["issuedOn"] == attestation.issued_at.isoformat()
    assert data["evidence"] == [
        {
            "id": f"{BASE}/attestations/{attestation.token}/",
            "narrative": "Awa a terminé « Cours courriel ». Délivrée après : toutes les leçons terminées.",
        }
    ]
    assert "revoked" not in data and "revocationReason" not in data


def test_an_assertion_without_recorded_requirements_says_all_activities(attestation):
    Attestation.objects.filter(pk=attestation.pk).update(requirements=None)
    data = services.badge_assertion(Attestation.objects.get(pk=attestation.pk), BASE)
    assert data["evidence"][0]["narrative"].endswith(
        "« Cours courriel ». Délivrée après avoir terminé toutes les activités du cours."
    )


def test_the_recipient_salt_is_stable_for_one_attestation_and_differs_between_two(attestation, basics_course):
    other = services.attestation_issue(user=make_user("binta", Role.RESIDENT), course=basics_course)
    first = services.badge_assertion(attestation, BASE)["recipient"]
    assert first == services.badge_assertion(attestation, BASE)["recipient"]
    assert first["salt"] != services.badge_assertion(other, BASE)["recipient"]["salt"]
    assert first["type"] == "url" and first["hashed"] is True


def test_a_revoked_assertion_gives_the_reason(attestation):
    services.attestation_revoke(attestation=attestation, reason="Erreur d’identité")
    data = services.badge_assertion(Attestation.objects.get(pk=attestation.pk), BASE)
    assert (data["revoked"], data["revocationReason"]) == (True, "Erreur d’identité")


def test_the_badge_class_and_issuer_point_to_each_other(basics_course):
    badge = services.badge_class(basics_course, BASE)
    issuer = services.badge_issuer(BASE)
    assert badge["issuer"] == issuer["id"] == f"{BASE}/badges/emetteur.json"
    assert badge["description"] == "Résumé." and badge["tags"] == ["numerique-de-base"]
    assert badge["criteria"]["narrative"] == "Délivrée après : toutes les leçons terminées."


def test_no_badge_for_a_course_without_self_enrolment(client, web_course):
    assert client.get(reverse("badge_class", args=[web_course.slug])).status_code == 404
    assert client.get(reverse("badge_image", args=[web_course.slug])).status_code == 404


def test_the_badge_image_escapes_the_course_title_and_cannot_run_scripts(client, basics_course):
    Course.objects.filter(pk=basics_course.pk).update(title='<script>alert("x")</script>')
    response = client.get(reverse("badge_image", args=[basics_course.slug]))
    svg = response.content.decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_the_verification_page_is_not_indexed_and_tells_a_revocation_and_its_reason(client, attestation):
    page = client.get(attestation.get_absolute_url())
    assert page["X-Robots-Tag"] == "noindex" and "Attestation authentique" in page.content.decode()
    services.attestation_revoke(attestation=attestation, reason="Délivrée par erreur")
    text = client.get(attestation.get_absolute_url()).content.decode()
    assert "Cette attestation a été retirée le" in text and "Délivrée par erreur" in text
    assert "Attestation authentique" not in text


def test_a_revoked_attestation_stays_listed_as_withdrawn_for_its_holder(client, resident, attestation):
    services.attestation_revoke(attestation=attestation, reason="Erreur")
    client.force_login(resident)
    page = client.get(reverse("progress:achievements")).content.decode()
    assert "Cours courriel" in page and " — retirée" in page


# ---------------------------------------------------------------- the SVG chart


def test_the_chart_escapes_labels_title_and_description():
    svg = bar_chart_svg([1], ["<b>&"], "c", 'Titre "x" <i>', "Desc <script>")
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    assert '<title id="c-t">Titre &quot;x&quot; &lt;i&gt;</title>' in svg
    assert '<desc id="c-d">Desc &lt;script&gt;</desc>' in svg


def test_the_chart_is_an_image_named_by_its_title_and_description():
    svg = bar_chart_svg([3, 4], ["01/2026", "02/2026"], "chart-active", "Actifs", "Nombre d'actifs")
    assert svg.startswith('<svg viewBox="0 0 560 220" role="img" aria-labelledby="chart-active-t chart-active-d"')
    assert svg.count("<rect ") == 2 and ">01/2026</text>" in svg and ">4</text>" in svg


def test_the_tallest_bar_fills_the_chart_and_the_others_are_proportional():
    svg = bar_chart_svg([10, 5, 0], ["a", "b", "c"], "k", "t", "d")
    heights = re.findall(r'<rect [^>]*height="([0-9.]+)"', svg)
    assert heights == ["170.0", "85.0", "0.0"]


def test_a_chart_of_zeros_or_of_nothing_draws_without_error():
    zeros = bar_chart_svg([0, 0], ["a", "b"], "k", "t", "d")
    assert zeros.count('height="0.0"') == 2
    empty = bar_chart_svg([], [], "k", "t", "d")
    assert "<rect" not in empty and empty.endswith("</svg>")
