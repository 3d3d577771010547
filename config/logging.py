"""Structured log lines: every line says which submission it is about (`submission=123`, `-` when none),
so that one grading's lines can be found among a worker's, whatever module wrote them."""

import logging
from contextvars import ContextVar

submission = ContextVar("submission", default="-")

FORMAT = "%(asctime)s %(levelname)s %(name)s pid=%(process)d submission=%(submission)s %(message)s"


class SubmissionFilter(logging.Filter):
    def filter(self, record):
        record.submission = submission.get()
        return True
