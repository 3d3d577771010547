"""Qualification frameworks as data files (progress/frameworks/*.toml), loaded by
`manage.py load_framework FILE` and by `make run`. Loading is idempotent (upsert by code)."""

import re
import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from . import services
from .models import Block, Competence, CompetenceProgress, Qualification

FOLDER = Path(__file__).resolve().parent / "frameworks"
POLICY_KEYS = {"threshold": float, "exercise_weight": float, "lesson_weight": float, "requires_validation": bool}


class FrameworkError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _line(text, needle):
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def read_framework(path):
    """The framework in a TOML file, validated; raises FrameworkError listing `file:line: message`."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise FrameworkError(
            [f"{path}:{match.group(1) if match else 1}: " + _("TOML invalide : %(error)s") % {"error": exc}]
        ) from exc
    errors = []
    for key in ("code", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(f"{path}:1: " + _("la clé « %(key)s » est obligatoire") % {"key": key})
    if data.get("kind", "autre") not in Qualification.Kind.values:
        errors.append(
            f"{path}:{_line(text, 'kind')}: "
            + _("« kind » doit valoir l'un de : %(kinds)s") % {"kinds": ", ".join(Qualification.Kind.values)}
        )
    policy = data.get("policy", {})
    for key, value in policy.items():
        wanted = POLICY_KEYS.get(key)
        if (
            wanted is None
            or not isinstance(value, (int, float) if wanted is float else bool)
            or isinstance(value, bool) != (wanted is bool)
        ):
            errors.append(
                f"{path}:{_line(text, key)}: " + _("clé de politique inconnue ou mal typée : %(key)s") % {"key": key}
            )
    if "threshold" in policy and not 0 < policy["threshold"] <= 1:
        errors.append(f"{path}:{_line(text, 'threshold')}: " + _("« threshold » est une part entre 0 et 1"))
    blocks = data.get("blocks", [])
    if not isinstance(blocks, list) or not blocks:
        errors.append(f"{path}:1: " + _("aucun bloc : ajoutez des tables [[blocks]]"))
        blocks = []
    codes = set()
    for block in blocks:
        if not isinstance(block.get("code"), str) or not isinstance(block.get("title"), str):
            errors.append(f"{path}:{_line(text, '[[blocks]]')}: " + _("chaque bloc a un « code » et un « title »"))
            continue
        for competence in block.get("competences", []):
            code = competence.get("code") if isinstance(competence, dict) else None
            if not isinstance(code, str) or not isinstance(competence.get("title"), str):
                errors.append(
                    f"{path}:{_line(text, block['code'])}: " + _("chaque compétence a un « code » et un « title »")
                )
            elif code in codes:
                errors.append(
                    f"{path}:{_line(text, code)}: " + _("code de compétence en double : %(code)s") % {"code": code}
                )
            else:
                codes.add(code)
    if errors:
        raise FrameworkError(errors)
    return data


def load_framework(path):
    """Create or update a qualification from its file; returns it. Competences that learners
    already have progress on are kept even if the file no longer lists them."""
    data = read_framework(path)
    policy = data.get("policy", {})
    with transaction.atomic():
        qualification, _created = Qualification.objects.update_or_create(
            code=data["code"],
            defaults={
                "title": data["title"],
                "kind": data.get("kind", "autre"),
                "version": str(data.get("version", "")),
                "level": data.get("level", ""),
                "description": data.get("description", ""),
                **{key: policy[key] for key in POLICY_KEYS if key in policy},
            },
        )
        kept = []
        for b_order, item in enumerate(data["blocks"], start=1):
            block, _created = Block.objects.update_or_create(
                qualification=qualification,
                code=item["code"],
                defaults={"title": item["title"], "order": b_order},
            )
            for c_order, entry in enumerate(item.get("competences", []), start=1):
                competence, _created = Competence.objects.update_or_create(
                    code=entry["code"],
                    defaults={
                        "block": block,
                        "title": entry["title"],
                        "short": entry.get("short", ""),
                        "order": c_order,
                    },
                )
                kept.append(competence.pk)
        gone = Competence.objects.filter(block__qualification=qualification).exclude(pk__in=kept)
        gone.exclude(pk__in=CompetenceProgress.objects.values("competence_id")).delete()
        Block.objects.filter(qualification=qualification, competences__isnull=True).delete()
        services.resync_links()
    return qualification


def default_files():
    return sorted(FOLDER.glob("*.toml"))
