"""Course attestations (their policy from course.toml, their issue and revocation) and their Open Badges 2.0
documents."""

from django.urls import reverse
from django.utils import timezone

from notifications import services as notifications

from ..models import Attestation, requirement_lines
from ._common import record_activity

ATTESTATION_DEFAULTS = {"lessons": True, "min_score": 60, "min_score_by_kind": {}}  # course.toml [attestation]


def _percent(value):
    """A percentage from course.toml (0 to 100, integer or decimal), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        return None
    return int(value) if value == int(value) else value


def attestation_policy_clean(raw):
    """Check a course's `[attestation]` table (course.toml); returns (policy, problems).

    The policy is what the course stores: {} without a table (the defaults apply), else every key with
    its value. Problems are (dotted key, message): the key locates the line for the `file:line: message` report.
    """
    from django.utils.translation import gettext

    from exercises import selectors as exercises_selectors

    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [("attestation", gettext("« attestation » doit être une table : [attestation]"))]
    problems = []
    policy = {**ATTESTATION_DEFAULTS, "min_score_by_kind": {}}
    for key in raw:
        if key not in ATTESTATION_DEFAULTS:
            problems.append(
                (
                    key,
                    gettext("clé inconnue « %(key)s » dans [attestation] ; clés possibles : %(keys)s")
                    % {"key": key, "keys": ", ".join(ATTESTATION_DEFAULTS)},
                )
            )
    percent_error = gettext("« %(key)s » doit être un pourcentage entre 0 et 100 (par exemple 60)")
    if "lessons" in raw:
        if isinstance(raw["lessons"], bool):
            policy["lessons"] = raw["lessons"]
        else:
            problems.append(("lessons", gettext("« lessons » doit valoir true ou false")))
    if "min_score" in raw:
        if (score := _percent(raw["min_score"])) is None:
            problems.append(("min_score", percent_error % {"key": "min_score"}))
        else:
            policy["min_score"] = score
    by_kind = raw.get("min_score_by_kind", {})
    if not isinstance(by_kind, dict):
        problems.append(
            (
                "min_score_by_kind",
                gettext("« min_score_by_kind » doit être une table : [attestation.min_score_by_kind]"),
            )
        )
        by_kind = {}
    kinds = exercises_selectors.exercise_kinds()
    for kind, value in by_kind.items():
        if kind not in kinds:
            problems.append(
                (
                    f"min_score_by_kind.{kind}",
                    gettext("type d'exercice inconnu « %(kind)s » dans min_score_by_kind ; types possibles : %(kinds)s")
                    % {"kind": kind, "kinds": ", ".join(kinds)},
                )
            )
        elif (score := _percent(value)) is None:
            problems.append((f"min_score_by_kind.{kind}", percent_error % {"key": f"min_score_by_kind.{kind}"}))
        else:
            policy["min_score_by_kind"][kind] = score
    return ({} if problems else policy), problems


def attestation_policy(course):
    """The course's attestation policy, the defaults filled in: what a package without `[attestation]` gets."""
    stored = course.attestation_policy or {}
    return {
        "lessons": stored.get("lessons", ATTESTATION_DEFAULTS["lessons"]),
        "min_score": stored.get("min_score", ATTESTATION_DEFAULTS["min_score"]),
        "min_score_by_kind": dict(stored.get("min_score_by_kind") or {}),
    }


def _min_score(policy, kind):
    return policy["min_score_by_kind"].get(kind, policy["min_score"])


def attestation_requirements(course):
    """What the course asks today, as its attestations record it: every lesson or not, and the score
    needed in each kind of exercise among its published ones."""
    from django.utils import translation

    from exercises import selectors as exercises_selectors

    policy = attestation_policy(course)
    kinds = exercises_selectors.course_exercise_kinds(course_id=course.pk)
    labels = exercises_selectors.exercise_kinds()
    with translation.override(None):  # the label in French, the catalogue's key: translated when shown
        exercises = [
            {"kind": kind, "label": str(labels.get(kind, kind)), "min_score": _min_score(policy, kind)}
            for kind in [k for k in labels if k in kinds] + sorted(set(kinds) - set(labels))
        ]
    return {"lessons": policy["lessons"], "exercises": exercises}


def attestation_policy_met(*, course, user):
    """Whether the learner meets the course's policy: each published lesson completed (unless the policy
    says otherwise) and, in every published exercise, a best counted score at least the kind's minimum."""
    from courses import services as courses_services
    from exercises import selectors as exercises_selectors

    policy = attestation_policy(course)
    lessons = courses_services.course_outline(course, user).lessons
    scores = exercises_selectors.counted_scores(course_id=course.pk, learner_id=user.pk)
    if not lessons and not scores:
        return False
    if policy["lessons"] and not all(lesson.is_done for lesson in lessons):
        return False
    # A tolerance for floats: 0.6 × 100 must meet 60.
    return all(s.score is not None and 100 * s.score + 1e-9 >= _min_score(policy, s.kind) for s in scores)


def course_check(*, user_id, course):
    """After an activity (a lesson completed, a submission graded, regraded or overridden by a trainer): a
    self-paced (Numérique de base) course whose attestation policy is now met gets its attestation."""
    from django.contrib.auth import get_user_model

    if (
        course is None
        or not course.track.self_enrolment
        or Attestation.objects.filter(user_id=user_id, course=course).exists()
    ):
        return None
    user = get_user_model().objects.get(pk=user_id)
    if not attestation_policy_met(course=course, user=user):
        return None
    return attestation_issue(user=user, course=course)


def attestation_issue(*, user, course):
    """Record the attestation with what the course required that day. It does not check the policy:
    course_check does, and is the only caller in the application."""
    attestation, created = Attestation.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "learner_name": user.display_name,
            "course_title": course.title,
            "duration_minutes": course.duration_minutes,
            "requirements": attestation_requirements(course),
        },
    )
    if created:
        record_activity(user.pk, attestation.issued_at, course.track_id, attestations=1)
        notifications.notify(
            recipients=[user],
            kind=notifications.Kind.ATTESTATION,
            url=reverse("progress:achievements"),
            title=course.title,
        )
    return attestation


def attestation_revoke(*, attestation, reason):
    attestation.revoked_at, attestation.revocation_reason = timezone.now(), reason[:300]
    attestation.save(update_fields=["revoked_at", "revocation_reason"])


def attestations_for(user):
    return list(Attestation.objects.filter(user=user).select_related("course"))


def attestation_by_token(token):
    return Attestation.objects.select_related("course", "user").filter(token=token).first()


def _identity_salt(attestation):
    import hashlib

    return hashlib.sha256(f"tremplin-badge-{attestation.token}".encode()).hexdigest()[:16]


def badge_issuer(base):
    from django.urls import reverse

    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": base + reverse("badge_issuer"),
        "name": "Tremplin",
        "url": base + "/",
    }


def _requirements_narrative(lines):
    from django.utils.translation import gettext, pgettext

    if not lines:
        return gettext("Délivrée après avoir terminé toutes les activités du cours.")
    return gettext("Délivrée après : %(requirements)s.") % {
        "requirements": pgettext("list separator", " ; ").join(lines)
    }


def badge_class(course, base):
    from django.urls import reverse

    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": base + reverse("badge_class", args=[course.slug]),
        "name": course.title,
        "description": course.summary or course.title,
        "image": base + reverse("badge_image", args=[course.slug]),
        "criteria": {"narrative": _requirements_narrative(requirement_lines(attestation_requirements(course)))},
        "issuer": base + reverse("badge_issuer"),
        "tags": ["numerique-de-base"],
    }


def badge_assertion(attestation, base):
    """An Open Badges 2.0 assertion, hosted (verification by fetching its own id)."""
    import hashlib

    from django.urls import reverse

    salt = _identity_salt(attestation)
    identity = base + reverse("attestation_verify", args=[attestation.token])
    data = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": base + reverse("badge_assertion", args=[attestation.token]),
        # Many residents have no e-mail address: the recipient is the attestation's public page, hashed.
        "recipient": {
            "type": "url",
            "hashed": True,
            "salt": salt,
            "identity": "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest(),
        },
        "badge": base + reverse("badge_class", args=[attestation.course.slug]),
        "verification": {"type": "hosted"},
        "issuedOn": attestation.issued_at.isoformat(),
        "evidence": [
            {
                "id": identity,
                "narrative": f"{attestation.learner_name} a terminé « {attestation.course_title} ». "
                + _requirements_narrative(attestation.requirement_lines),
            }
        ],
    }
    if attestation.revoked_at:
        data["revoked"] = True
        data["revocationReason"] = attestation.revocation_reason
    return data
