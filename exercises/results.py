"""The one result type of every grader, also what `manage.py grade` prints."""

from dataclasses import asdict, dataclass, field, replace


class Status:
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    PENDING = "pending"  # a notebook's manual cell, waiting for a trainer


class Reason:
    TIMEOUT = "timeout"
    MEMORY = "memory"
    OUTPUT = "output"
    SYNTAX = "syntax"
    CRASH = "crash"
    REFUSED = "refused"


@dataclass
class TestResult:
    name: str
    status: str
    message: str = ""
    hidden: bool = False
    # Notebooks: each graded cell has its points; `key` is its grade_id.
    points: float | None = None
    earned: float | None = None
    key: str = ""
    manual: bool = False  # graded by a trainer
    # Why a test failed when the learner is not told (a hidden test, or text the learner's code
    # controls while hidden tests ran): stored, shown to trainers and authors, never in to_dict().
    detail: str = ""


@dataclass
class Result:
    status: str
    score: float = 0.0
    message: str = ""
    reason: str | None = None
    tests: list = field(default_factory=list)
    duration_ms: int = 0
    pending: int = 0  # notebook cells a trainer still has to grade
    # What the grading made beside the verdict, asked for with grade(…, artefacts=True) and stored
    # apart by the caller: "screenshots" [(width, PNG bytes)] of a submitted web page, "document"
    # {"html", "images"} of an executed notebook. Never in to_dict() nor to_storage().
    artefacts: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def passes_automatic_tests(self):
        """Every automatic test passed (a notebook's manual cells wait for a trainer): what a reference solution must
        do."""
        if self.status == Status.PASSED:
            return True
        return bool(self.pending) and all(t.status in (Status.PASSED, Status.PENDING) for t in self.tests)

    @classmethod
    def error(cls, reason, message, duration_ms=0):
        return cls(status=Status.ERROR, score=0.0, message=str(message), reason=reason, duration_ms=duration_ms)

    @classmethod
    def from_tests(cls, tests, duration_ms=0, message_passed="", message_failed=""):
        """passed only when every test passed; the score is the share of tests passed."""
        if not tests:
            return cls.error(Reason.CRASH, message_failed, duration_ms)
        passed = sum(t.status == Status.PASSED for t in tests)
        status = Status.PASSED if passed == len(tests) else Status.FAILED
        return cls(
            status=status,
            score=round(passed / len(tests), 4),
            message=message_passed if status == Status.PASSED else message_failed,
            tests=tests,
            duration_ms=duration_ms,
        )

    def _plain(self):
        data = asdict(replace(self, artefacts={}))
        del data["artefacts"]
        return data

    def to_dict(self):
        data = self._plain()
        data["tests"] = [
            {
                "name": t["name"],
                "status": t["status"],
                "message": t["message"],
                **({"points": t["points"], "earned": t["earned"]} if t["points"] is not None else {}),
            }
            for t in data["tests"]
        ]
        if not data["pending"]:
            del data["pending"]
        return data

    def to_storage(self):
        return self._plain()

    @classmethod
    def from_storage(cls, data):
        data = dict(data or {})
        data["tests"] = [TestResult(**t) for t in data.get("tests", [])]
        data.pop("artefacts", None)
        return cls(**data)
