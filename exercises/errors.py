"""The errors a beginner meets, explained in plain French (the original message kept below).

Python's and Node's messages are English and terse (« name 'communes' is not defined », « expected
':' »). Graders pass them through `explain_error` (an exception's name and message) or
`explain_syntax` (a SyntaxError from compiling the learner's file): a sentence that says what
happened and what to look at, then « Message d'origine : … » for the curious.
"""

import re

from django.utils.translation import gettext as _

ERROR_LINE = re.compile(
    r"^(?:E\s+)?(?P<name>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Failed)|Failed):\s?(?P<message>.*)$"
)


def _python(name, message):
    short = name.rsplit(".", 1)[-1]
    match = re.match(r"name '(?P<n>[^']+)' is not defined", message)
    if short in ("NameError", "UnboundLocalError") and match:
        return _(
            "Le nom « %(n)s » n'est pas défini : une variable ou une fonction est utilisée avant d'avoir reçu une "
            "valeur, ou son nom est mal écrit (majuscules, accents)."
        ) % {"n": match.group("n")}
    if short == "UnboundLocalError":
        return _("Une variable est utilisée dans la fonction avant d'y avoir reçu une valeur.")
    if short == "ZeroDivisionError":
        return _("Division par zéro : vérifiez le cas d'une liste vide ou d'un total nul avant de diviser.")
    if short == "IndexError":
        return _(
            "Indice hors de la liste : vous demandez un élément qui n'existe pas (les indices vont de 0 à len(liste) - "
            "1)."
        )
    if short == "KeyError":
        return _(
            "La clé %(k)s n'existe pas dans le dictionnaire (ou la colonne dans le tableau) : vérifiez son "
            "orthographe, ou utilisez .get()."
        ) % {"k": message or "?"}
    match = re.match(r"'(?P<t>[^']+)' object has no attribute '(?P<a>[^']+)'", message)
    if short == "AttributeError" and match:
        return _(
            "Un objet de type %(t)s n'a pas d'attribut ni de méthode « %(a)s » : nom mal écrit, ou la variable "
            "ne contient pas ce que vous pensez."
        ) % {"t": match.group("t"), "a": match.group("a")}
    if short == "AttributeError":
        return _(
            "Cet attribut ou cette méthode n'existe pas sur cet objet : vérifiez le nom et le type de la variable."
        )
    if short == "TypeError":
        if "not callable" in message:
            return _("Vous appelez avec des parenthèses quelque chose qui n'est pas une fonction.")
        if "unsupported operand" in message or "can only concatenate" in message or "must be str" in message:
            return _(
                "Opération entre des types qui ne vont pas ensemble (par exemple un texte et un nombre) : convertissez "
                "avec int(), float() ou str()."
            )
        if "argument" in message:
            return _(
                "La fonction n'est pas appelée avec le bon nombre ou le bon genre d'arguments : comparez l'appel et "
                "la définition (def)."
            )
        return _("Une valeur n'a pas le type attendu à cet endroit.")
    if short == "ValueError":
        return _("Une valeur a le bon type mais pas un contenu acceptable (par exemple int('abc')).")
    if short == "RecursionError":
        return _("La fonction s'appelle elle-même sans fin : il manque un cas d'arrêt.")
    if short == "MemoryError":
        return _("Mémoire dépassée : le calcul demande plus de mémoire que permis.")
    if short in ("IndentationError", "TabError"):
        return _(
            "Indentation incorrecte : les lignes d'un même bloc doivent commencer au même retrait (4 espaces par "
            "niveau)."
        )
    if short == "FileNotFoundError":
        return _("Fichier introuvable : vérifiez son nom et son dossier (par exemple data/…).")
    if short == "ModuleNotFoundError":
        return _("Ce module n'existe pas ici : vérifiez le nom dans l'import.")
    if short in ("Failed", "AssertionError"):
        return None  # the test's own words: shown as they are
    return None


def _node(name, message):
    if name == "ReferenceError":
        match = re.match(r"(?P<n>\S+) is not defined", message)
        if match:
            return _(
                "Le nom « %(n)s » n'est pas défini : variable ou fonction non déclarée (let, const, function) ou mal "
                "écrite."
            ) % {"n": match.group("n")}
        return _("Un nom est utilisé sans avoir été déclaré.")
    if name == "TypeError":
        match = re.search(r"Cannot read propert(?:y|ies) of (?P<v>undefined|null)", message)
        if match:
            return _("Vous lisez une propriété de %(v)s : la variable n'a pas (encore) de valeur à cet endroit.") % {
                "v": match.group("v")
            }
        if "is not a function" in message:
            return _(
                "Vous appelez comme une fonction quelque chose qui n'en est pas une : vérifiez le nom et l'export."
            )
        return _("Une valeur n'a pas le type attendu à cet endroit.")
    if name == "SyntaxError":
        return _(
            "Erreur de syntaxe : une parenthèse, une accolade ou un guillemet manque peut-être, ou un mot est mal "
            "placé."
        )
    if name == "RangeError" and "call stack" in message:
        return _("La fonction s'appelle elle-même sans fin : il manque un cas d'arrêt.")
    return None


def explain_error(name, message, *, language="python"):
    """French for an exception `name: message`, the original kept below; the text as it was if unknown."""
    explained = (_node if language == "javascript" else _python)(name or "", message or "")
    original = f"{name}: {message}" if message else (name or "")
    if explained is None:
        return original
    return f"{explained}\n" + _("Message d'origine : %(m)s") % {"m": original}


def explain_line(text, *, language="python"):
    """A message whose last non-empty line may be `SomeError: message` (pytest, node): that line explained."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    for index in range(len(lines) - 1, -1, -1):
        match = ERROR_LINE.match(lines[index].strip())
        if match:
            explained = explain_error(match.group("name"), match.group("message").strip(), language=language)
            if explained != f"{match.group('name')}: {match.group('message').strip()}":
                return "\n".join([*lines[:index], explained, *lines[index + 1 :]])
            return text
    return text


SYNTAX = [
    (
        re.compile(r"^expected ':'"),
        lambda m: _("il manque « : » à la fin de la ligne (après if, for, while, def, else…)."),
    ),
    (
        re.compile(r"^invalid syntax\. Maybe you meant '==' or ':='"),
        lambda m: _("pour comparer, écrivez « == » (un seul « = » donne une valeur)."),
    ),
    (
        re.compile(r"^invalid syntax"),
        lambda m: _("Python ne comprend pas cette ligne : un mot, un opérateur ou une parenthèse est mal placé."),
    ),
    (
        re.compile(r"^'(?P<c>[(\[{])' was never closed"),
        lambda m: _("« %(c)s » ouvert n'est jamais refermé.") % {"c": m.group("c")},
    ),
    (
        re.compile(r"^unmatched '(?P<c>[)\]}])'"),
        lambda m: _("« %(c)s » ferme quelque chose qui n'a pas été ouvert.") % {"c": m.group("c")},
    ),
    (
        re.compile(r"^closing parenthesis '(?P<c>.)' does not match"),
        lambda m: _("la parenthèse « %(c)s » ne correspond pas à celle qui a été ouverte.") % {"c": m.group("c")},
    ),
    (
        re.compile(r"^unterminated (?:triple-quoted )?string literal|^EOL while scanning"),
        lambda m: _("un texte commencé par un guillemet n'est pas refermé."),
    ),
    (
        re.compile(r"^unexpected indent"),
        lambda m: _("cette ligne est en retrait alors qu'aucun bloc ne commence (supprimez les espaces au début)."),
    ),
    (
        re.compile(r"^expected an indented block"),
        lambda m: _("après « : », la ligne suivante doit être en retrait (4 espaces)."),
    ),
    (
        re.compile(r"^unindent does not match"),
        lambda m: _("ce retrait ne correspond à aucun bloc au-dessus : alignez-le avec les lignes du même bloc."),
    ),
    (
        re.compile(r"^inconsistent use of tabs"),
        lambda m: _("tabulations et espaces sont mélangés dans le retrait : utilisez seulement des espaces."),
    ),
    (
        re.compile(r"^invalid character '(?P<c>.)'"),
        lambda m: (
            _(
                "le caractère « %(c)s » n'est pas permis dans du code (guillemets typographiques, tirets… copiés d'un "
                "traitement de texte ?)."
            )
            % {"c": m.group("c")}
        ),
    ),
    (
        re.compile(r"^Missing parentheses in call to 'print'"),
        lambda m: _("en Python 3, print s'écrit avec des parenthèses : print(…)."),
    ),
    (
        re.compile(r"^cannot assign to"),
        lambda m: _("on ne peut pas donner une valeur à cela (à gauche de « = » il faut un nom de variable)."),
    ),
]


def explain_syntax(msg):
    """French for a SyntaxError's message (compile()), or None."""
    for pattern, sentence in SYNTAX:
        match = pattern.match(msg or "")
        if match:
            return sentence(match)
    return None


def caret(line_text, offset):
    """The line of code and a caret under the column where Python stopped."""
    if not line_text:
        return ""
    text = line_text.rstrip("\n")
    column = max(1, min(offset or 1, len(text) + 1))
    return f"    {text}\n    {' ' * (column - 1)}^"
