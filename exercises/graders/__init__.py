"""Grader plugins: one module per exercise kind, with the same small interface.

    grade(spec, submission, *, public_only=False) -> Result

`submission` is {filename: text} for code kinds and {question_id: answer} for quizzes.
Adding a kind: one module here and one line in GRADERS.
"""

from django.utils.module_loading import import_string

GRADERS = {
    "quiz": "exercises.graders.quiz",
    "python": "exercises.graders.python",
    "sql": "exercises.graders.sql",
    "javascript": "exercises.graders.javascript",
    "html": "exercises.graders.web",
    "dom": "exercises.graders.web",
    "notebook": "exercises.graders.notebook",
}
WEB_KINDS = ("html", "dom")
GRADER_VERSION = "1"


def grader_for(kind):
    return import_string(GRADERS[kind] + ".grade")


def runs_in_sandbox(kind):
    return kind != "quiz"
