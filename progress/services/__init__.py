"""Progress toward qualifications. Other apps call these functions; nothing here listens to signals.

- exercises calls `submission_graded` when a submission is graded or rescored,
- courses calls `lesson_completed` / `lesson_uncompleted`,
- both call `sync_links` when an activity's `competences` list changes.

Each call updates only the competences the activity is linked to (a few rows), never every
submission of the learner; `recompute` rebuilds everything from scratch and must agree.

One module per concern; callers use `progress.services.X`, re-exported here:

- `links`: activities ↔ competences (`sync_links`, `resync_links`, `unknown_codes`),
- `following`: who follows which qualification,
- `updates`: incremental updates, and the listeners that progress.apps registers (`LESSON_EVENTS`,
  `submission_graded`),
- `decisions`: trainers' validations and observations,
- `rebuild`: `recompute` and the rebuilds it runs,
- `learner`: reading the learner's page,
- `cohort`: reading a cohort's dashboard,
- `attestations`: attestations, their policy and their Open Badges,
- `indicators`: indicators for coordinators and funders,
- `_common`: the monthly activity counters the others share.

The charts' SVG is drawn next to the views, in progress/charts.py.
"""

from .attestations import (
    attestation_by_token,
    attestation_issue,
    attestation_policy,
    attestation_policy_clean,
    attestation_revoke,
    attestations_for,
    badge_assertion,
    badge_class,
    badge_issuer,
    course_check,
)
from .cohort import at_risk_notify, cohort_matrix, cohort_qualifications, learner_history
from .decisions import (
    access_evidence_file,
    competence_invalidate,
    competence_subject,
    competence_validate,
    observation_add,
)
from .following import cohort_follow, cohort_follows_any, qualifications_for
from .indicators import indicators, platform_minutes
from .learner import learner_overview, next_activities
from .links import resync_links, sync_links, unknown_codes
from .positioning import (
    access_placement,
    access_test_to_edit,
    editable_tests,
    latest_placements,
    placement_record,
    placement_view,
    placements_of,
    positioning_save,
    positioning_tests,
)
from .rebuild import rebuild_activity, recompute
from .updates import LESSON_EVENTS, lesson_completed, lesson_uncompleted, submission_graded

__all__ = [
    "competence_subject",
    "at_risk_notify",
    "LESSON_EVENTS",
    "platform_minutes",
    "access_evidence_file",
    "access_placement",
    "access_test_to_edit",
    "attestation_by_token",
    "attestation_issue",
    "attestation_policy",
    "attestation_policy_clean",
    "attestation_revoke",
    "attestations_for",
    "badge_assertion",
    "badge_class",
    "badge_issuer",
    "cohort_follow",
    "cohort_follows_any",
    "cohort_matrix",
    "cohort_qualifications",
    "competence_invalidate",
    "competence_validate",
    "course_check",
    "editable_tests",
    "indicators",
    "latest_placements",
    "learner_history",
    "learner_overview",
    "lesson_completed",
    "lesson_uncompleted",
    "next_activities",
    "observation_add",
    "placement_record",
    "placement_view",
    "placements_of",
    "positioning_save",
    "positioning_tests",
    "qualifications_for",
    "rebuild_activity",
    "recompute",
    "resync_links",
    "submission_graded",
    "sync_links",
    "unknown_codes",
]
