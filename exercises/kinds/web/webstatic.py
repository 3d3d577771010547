"""Checks of an HTML document that need no browser: structure, validity, accessibility basics.

The document is parsed as a browser would (html5lib implements the WHATWG parsing algorithm
and reports its parse errors with their line); selectors are matched by soupsieve. Parsing is
not running the learner's code: these checks run in the worker, in a few milliseconds.
"""

import re
import signal
import threading
from collections import Counter
from contextlib import contextmanager

import html5lib
import soupsieve
from bs4 import BeautifulSoup
from django.utils.translation import gettext as _

OBSOLETE = {
    "acronym",
    "applet",
    "basefont",
    "bgsound",
    "big",
    "blink",
    "center",
    "dir",
    "font",
    "frame",
    "frameset",
    "isindex",
    "keygen",
    "listing",
    "marquee",
    "menuitem",
    "multicol",
    "nextid",
    "nobr",
    "noembed",
    "noframes",
    "plaintext",
    "rb",
    "rtc",
    "spacer",
    "strike",
    "tt",
    "xmp",
}
A11Y_RULES = ("alt", "labels", "headings", "links", "main")
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


# Parsing is linear for real pages but can turn quadratic on crafted ones (thousands of unclosed
# formatting elements, tables inside tables): documents beyond these bounds are not parsed, and in
# a worker's main thread an alarm stops any parse or check that outlives PARSE_SECONDS.
MAX_TAGS = 5000
MAX_DEPTH = 256
MAX_BYTES = 256 * 1024
PARSE_SECONDS = 5
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "param",
    "keygen",
}
OPTIONAL_END = {
    "p",
    "li",
    "dt",
    "dd",
    "option",
    "optgroup",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "rb",
    "rt",
    "rp",
    "colgroup",
    "caption",
    "html",
    "head",
    "body",
}


class TooComplex(Exception):
    def __init__(self, tags, depth):
        super().__init__(f"{tags} tags, depth {depth}")
        self.tags, self.depth = tags, depth


def complexity(text):
    """(start tags, estimated nesting depth), from a quick scan of the tags."""
    tags = depth = deepest = 0
    for closing, name in TAG.findall(text):
        name = name.lower()
        if closing:
            if name not in VOID and name not in OPTIONAL_END and depth:
                depth -= 1
            continue
        tags += 1
        if name not in VOID and name not in OPTIONAL_END:
            depth += 1
            deepest = max(deepest, depth)
    return tags, deepest


class ParseTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds=PARSE_SECONDS):
    """Raise ParseTimeout in the main thread after `seconds` (a worker's task runs there); elsewhere, no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum, _frame):
        raise ParseTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Document:
    """One parsed HTML file: the tree (with source lines) and the parser's errors."""

    def __init__(self, name, text):
        tags, depth = complexity(text)
        if tags > MAX_TAGS or depth > MAX_DEPTH or len(text) > MAX_BYTES:
            raise TooComplex(tags, depth)
        self.name = name
        parser = html5lib.HTMLParser()
        parser.parse(text)
        self.parse_errors = parser.errors
        self.soup = BeautifulSoup(text, "html5lib")

    def select(self, selector):
        return self.soup.select(selector)


def _line(tag):
    return getattr(tag, "sourceline", None) or 1


def _text(tag):
    return " ".join(tag.get_text(" ", strip=True).split())


def _parse_error_message(code, data):
    """The learner's words for html5lib's error codes (the WHATWG parse errors)."""
    name = data.get("name") or data.get("gotName") or ""
    if code.startswith("expected-doctype") or code == "unknown-doctype":
        return _("<!DOCTYPE html> manquant ou incorrect au début du document")
    if code in (
        "expected-closing-tag-but-got-eof",
        "eof-in-tag-name",
        "expected-named-closing-tag-but-got-eof",
    ) or code.startswith("eof-in"):
        return _("le document se termine alors qu'un élément n'est pas fermé")
    if code.startswith("adoption-agency") or code in (
        "end-tag-too-early",
        "end-tag-too-early-named",
        "expected-one-end-tag-but-got-another",
    ):
        return _("balises mal imbriquées ou non fermées autour de </%(name)s>") % {"name": name}
    if code.startswith("unexpected-end-tag"):
        return _("balise fermante </%(name)s> sans balise ouvrante correspondante") % {"name": name}
    if code == "duplicate-attribute":
        return _("attribut écrit deux fois dans la même balise")
    if code in ("non-void-element-with-trailing-solidus",):
        return _("<%(name)s/> : cet élément ne se ferme pas ainsi, écrivez <%(name)s></%(name)s>") % {"name": name}
    if code.startswith("unexpected-start-tag"):
        return _("balise <%(name)s> à un endroit où elle n'est pas permise") % {"name": name}
    if "attribute" in code:
        return _("attribut mal écrit (guillemets, espace ou caractère inattendu)")
    if "character" in code or "entity" in code:
        return _("caractère ou entité (&…;) mal écrit")
    return _("erreur de syntaxe HTML (%(code)s)") % {"code": code}


def validity_problems(doc):
    """[(line, message)] for a document as a validator would report them."""
    problems = []
    for (line, _col), code, data in doc.parse_errors:
        problems.append((line, _parse_error_message(code, data or {})))
    html = doc.soup.find("html")
    if html is not None and not (html.get("lang") or "").strip():
        problems.append((_line(html), _("l'élément <html> n'a pas d'attribut lang (lang=\"fr\")")))
    title = doc.soup.find("title")
    if title is None or not _text(title):
        problems.append((1, _("le document n'a pas de <title> (ou il est vide)")))
    ids = Counter()
    for tag in doc.soup.find_all(id=True):
        ids[tag["id"]] += 1
        if ids[tag["id"]] == 2:
            problems.append(
                (_line(tag), _('l\'identifiant id="%(id)s" est utilisé plusieurs fois') % {"id": tag["id"][:60]})
            )
    for tag in doc.soup.find_all(OBSOLETE):
        problems.append(
            (
                _line(tag),
                _("<%(name)s> est un élément obsolète : utilisez CSS ou un élément actuel") % {"name": tag.name},
            )
        )
    return sorted(set(problems))


def _has_label(doc, tag):
    if (tag.get("aria-label") or "").strip() or (tag.get("title") or "").strip():
        return True
    if (tag.get("aria-labelledby") or "").strip():
        return any(doc.soup.find(id=ref) for ref in tag["aria-labelledby"].split())
    if tag.find_parent("label") is not None:
        return True
    return bool(tag.get("id")) and doc.soup.find("label", attrs={"for": tag["id"]}) is not None


def _link_text(doc, tag):
    if _text(tag) or (tag.get("aria-label") or "").strip() or (tag.get("title") or "").strip():
        return True
    if (tag.get("aria-labelledby") or "").strip():
        return True
    return any((img.get("alt") or "").strip() for img in tag.find_all(["img", "svg"]) if img.name == "img") or any(
        svg.find("title") for svg in tag.find_all("svg")
    )


def accessibility_problems(doc, rules=A11Y_RULES):
    """[(line, message)] for the RGAA basics a trainer checks first."""
    problems = []
    soup = doc.soup
    if "alt" in rules:
        for tag in soup.find_all(["img", "area"]) + soup.find_all("input", attrs={"type": "image"}):
            if not tag.has_attr("alt"):
                problems.append((_line(tag), _('image sans attribut alt (alt="" si elle est décorative)')))
    if "labels" in rules:
        for tag in soup.find_all(["input", "select", "textarea"]):
            if tag.name == "input" and (tag.get("type") or "text").lower() in UNLABELLED_INPUTS:
                continue
            if not _has_label(doc, tag):
                problems.append(
                    (
                        _line(tag),
                        _("champ de formulaire <%(name)s> sans étiquette (<label for=…>)") % {"name": tag.name},
                    )
                )
    if "headings" in rules:
        headings = soup.find_all(re.compile(r"^h[1-6]$"))
        if not any(h.name == "h1" for h in headings):
            problems.append((1, _("la page n'a pas de titre principal <h1>")))
        previous = 0
        for tag in headings:
            level = int(tag.name[1])
            if previous and level > previous + 1:
                problems.append(
                    (
                        _line(tag),
                        _("niveau de titre sauté : <h%(level)s> après <h%(previous)s>")
                        % {"level": level, "previous": previous},
                    )
                )
            previous = level
    if "links" in rules:
        for tag in soup.find_all("a", href=True):
            if not _link_text(doc, tag):
                problems.append((_line(tag), _("lien sans texte : on ne sait pas où il mène")))
    if "main" in rules:
        mains = soup.find_all("main") + soup.find_all(attrs={"role": "main"})
        if not mains:
            problems.append((1, _("la page n'a pas de zone principale <main>")))
        elif len(mains) > 1:
            problems.append((_line(mains[1]), _("la page a plusieurs zones principales <main>")))
    return sorted(set(problems))


def describe(problems, limit=8):
    lines = [
        _("ligne %(line)s : %(message)s") % {"line": line, "message": message} for line, message in problems[:limit]
    ]
    if len(problems) > limit:
        lines.append(_("… et %(n)s autre(s) problème(s).") % {"n": len(problems) - limit})
    return "\n".join(lines)


def compile_selector(selector):
    """Raises ValueError for a selector soupsieve (and so probably the browser) refuses."""
    try:
        soupsieve.compile(selector)
    except Exception as exc:  # noqa: BLE001 - soupsieve raises SelectorSyntaxError and others
        raise ValueError(str(exc).splitlines()[0]) from exc


def element_problem(doc, check):
    """None if the structure check holds, else the learner's message."""
    selector = check["selector"]
    found = doc.select(selector)
    count = len(found)
    if check.get("absent"):
        if count:
            return _("« %(selector)s » ne devrait pas être présent (trouvé ligne %(line)s).") % {
                "selector": selector,
                "line": _line(found[0]),
            }
        return None
    low = check.get("count", check.get("min", 1))
    high = check.get("count", check.get("max"))
    if count < low or (high is not None and count > high):
        if high is None:
            expected = _("au moins %(n)s") % {"n": low}
        elif low == high:
            expected = str(low)
        else:
            expected = _("entre %(low)s et %(high)s") % {"low": low, "high": high}
        return _("« %(selector)s » : %(found)s élément(s) trouvé(s), attendu : %(expected)s.") % {
            "selector": selector,
            "found": count,
            "expected": expected,
        }
    if not found:
        return None
    failures = [problem for problem in (_element_detail(doc, tag, check) for tag in found) if problem]
    if check.get("all", False):
        return failures[0] if failures else None
    return failures[0] if len(failures) == len(found) else None


def _element_detail(doc, tag, check):
    selector = check["selector"]
    if "attribute" in check:
        name = check["attribute"]
        if not tag.has_attr(name):
            return _("« %(selector)s » (ligne %(line)s) n'a pas d'attribut %(attribute)s.") % {
                "selector": selector,
                "line": _line(tag),
                "attribute": name,
            }
        value = tag[name]
        value = " ".join(value) if isinstance(value, list) else value
        if "value" in check and value.strip() != check["value"]:
            return _("L'attribut %(attribute)s de « %(selector)s » vaut « %(got)s », attendu « %(expected)s ».") % {
                "attribute": name,
                "selector": selector,
                "got": value[:80],
                "expected": check["value"],
            }
        if "pattern" in check and not re.search(check["pattern"], value):
            return _("L'attribut %(attribute)s de « %(selector)s » (« %(got)s ») n'a pas la forme attendue.") % {
                "attribute": name,
                "selector": selector,
                "got": value[:80],
            }
    text = _text(tag)
    if "text" in check and text != check["text"]:
        return _("Le texte de « %(selector)s » est « %(got)s », attendu « %(expected)s ».") % {
            "selector": selector,
            "got": text[:80],
            "expected": check["text"],
        }
    if "contains" in check and check["contains"].casefold() not in text.casefold():
        return _("Le texte de « %(selector)s » devrait contenir « %(expected)s ».") % {
            "selector": selector,
            "expected": check["contains"],
        }
    if "attribute" not in check and "pattern" in check and not re.search(check["pattern"], text):
        return _("Le texte de « %(selector)s » (« %(got)s ») n'a pas la forme attendue.") % {
            "selector": selector,
            "got": text[:80],
        }
    if "inside" in check:
        containers = set(map(id, doc.select(check["inside"])))
        if not any(id(parent) in containers for parent in tag.parents):
            return _("« %(selector)s » (ligne %(line)s) doit être à l'intérieur de « %(inside)s ».") % {
                "selector": selector,
                "line": _line(tag),
                "inside": check["inside"],
            }
    return None
