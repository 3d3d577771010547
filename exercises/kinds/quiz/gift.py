"""A reader for Moodle's GIFT quiz format (the subset trainers use): multiple choice
(= right, ~ wrong, ~%50% partial counted as right), true/false, short answer,
numeric ({#3.5:0.1}), matching (=a -> b), with feedback after #."""

import re

from django.utils.translation import gettext as _

ESCAPES = {"\\~": "\x01", "\\=": "\x02", "\\#": "\x03", "\\{": "\x04", "\\}": "\x05", "\\:": "\x06"}
UNESCAPE = {v: k[1] for k, v in ESCAPES.items()}


class GiftError(Exception):
    def __init__(self, line, message):
        super().__init__(message)
        self.line, self.message = line, message


def _escape(text):
    for k, v in ESCAPES.items():
        text = text.replace(k, v)
    return text


def _clean(text):
    for k, v in UNESCAPE.items():
        text = text.replace(k, v)
    return text.strip()


def _blocks(text):
    block, start = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("//") or line.strip().startswith("$CATEGORY"):
            continue
        if not line.strip():
            if block:
                yield start, "\n".join(block)
            block, start = [], None
            continue
        if start is None:
            start = number
        block.append(line)
    if block:
        yield start, "\n".join(block)


def _split_feedback(text):
    text, _sep, feedback = text.partition("#")
    return _clean(text), _clean(feedback)


def parse_gift(text):
    questions = []
    for line, block in _blocks(_escape(text)):
        match = re.match(r"^\s*(?:::(.*?)::)?(.*?)\{(.*)\}(.*)$", block, re.DOTALL)
        if not match:
            raise GiftError(line, _("question sans réponses entre accolades { }"))
        stem = _clean((match.group(2) + " " + match.group(4)).strip())
        body, _sep, general = match.group(3).strip().partition("####")
        body = body.strip()
        if not stem:
            raise GiftError(line, _("question sans texte"))
        question = _question(line, stem, body)
        if general.strip():
            question["feedback"] = " ".join(filter(None, [question.get("feedback", ""), _clean(general)]))
        questions.append(question)
    if not questions:
        raise GiftError(1, _("aucune question trouvée"))
    return questions


def _question(line, stem, body):
    if body.upper() in ("T", "TRUE", "F", "FALSE") or re.match(r"^(T|F|TRUE|FALSE)\s*#", body, re.IGNORECASE):
        value, _sep, feedback = body.partition("#")
        # {F#shown if wrong#shown if right}: both help, so both are kept.
        feedback = " ".join(_clean(part) for part in feedback.split("#") if part.strip())
        return {
            "type": "truefalse",
            "text": stem,
            "answer": value.strip().upper().startswith("T"),
            "feedback": feedback,
        }
    if body.startswith("#"):
        spec, _sep, feedback = body[1:].partition("#")
        spec = spec.strip().lstrip("=")
        value, _sep, tolerance = spec.partition(":")
        try:
            return {
                "type": "numeric",
                "text": stem,
                "answer": float(value),
                "tolerance": float(tolerance or 0),
                "feedback": _clean(feedback),
            }
        except ValueError:
            raise GiftError(line, _("réponse numérique illisible : %(v)s") % {"v": _clean(spec)}) from None
    items = re.findall(r"([=~])(%-?\d+(?:\.\d+)?%)?([^=~]*)", body)
    if not items:
        raise GiftError(line, _("aucune réponse"))
    if all(mark == "=" and "->" in rest for mark, _w, rest in items):
        pairs = []
        for _mark, _weight, rest in items:
            left, _sep, right = rest.partition("->")
            pairs.append({"left": _clean(left), "right": _clean(right)})
        return {"type": "matching", "text": stem, "pairs": pairs}
    if all(mark == "=" for mark, _w, _r in items):
        answers = [_split_feedback(rest) for _m, _w, rest in items]
        feedback = next((fb for _a, fb in answers if fb), "")
        return {"type": "short", "text": stem, "answers": [a for a, _fb in answers], "feedback": feedback}
    choices = []
    for mark, weight, rest in items:
        answer, feedback = _split_feedback(rest)
        correct = mark == "=" or (weight and float(weight.strip("%")) > 0)
        choices.append({"text": answer, "correct": bool(correct), "feedback": feedback})
    correct = sum(c["correct"] for c in choices)
    if correct == 0:
        raise GiftError(line, _("aucune bonne réponse (=)"))
    return {"type": "single" if correct == 1 else "multiple", "text": stem, "choices": choices}


def _gift_escape(text):
    for char in "~=#{}:":
        text = str(text).replace(char, "\\" + char)
    return text


def to_gift(questions):
    """Questions back to GIFT text, for editing in the browser (round-trips through parse_gift)."""
    blocks = []
    for q in questions:
        stem, kind = _gift_escape(q["text"]), q["type"]
        feedback = f"####{_gift_escape(q['feedback'])}" if q.get("feedback") else ""
        if kind == "truefalse":
            body = "T" if q["answer"] else "F"
        elif kind == "numeric":
            body = f"#{q['answer']}:{q.get('tolerance', 0)}"
        elif kind == "short":
            body = " ".join(f"={_gift_escape(a)}" for a in q.get("answers", []))
        elif kind == "matching":
            body = " ".join(f"={_gift_escape(p['left'])} -> {_gift_escape(p['right'])}" for p in q["pairs"])
        elif kind == "multiple":
            right = sum(bool(c.get("correct")) for c in q["choices"]) or 1
            parts = []
            for c in q["choices"]:
                weight = f"%{round(100 / right, 5):g}%" if c.get("correct") else "%-100%"
                parts.append(
                    f"~{weight}{_gift_escape(c['text'])}"
                    + (f"#{_gift_escape(c['feedback'])}" if c.get("feedback") else "")
                )
            body = " ".join(parts)
        else:
            body = " ".join(
                ("=" if c.get("correct") else "~")
                + _gift_escape(c["text"])
                + (f"#{_gift_escape(c['feedback'])}" if c.get("feedback") else "")
                for c in q["choices"]
            )
        if q.get("regex"):
            body = f"={_gift_escape(q['regex'])}"
        blocks.append(f"{stem} {{{body}{feedback}}}")
    return "\n\n".join(blocks) + "\n"
