"""SQL: one SELECT query, run on the exercise's schema and compared with the reference's rows (grader.py)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import Kind, code_field, require
from ..code import starter_and_solution


class Sql(Kind):
    name = "sql"
    label = gettext_lazy("SQL")
    default_file = "query.sql"

    def form_fields(self):
        return {
            **starter_and_solution(),
            "hidden_tests": code_field(
                gettext_lazy("Tests cachés (pytest, ou node --test pour JavaScript) ; pour le SQL : schéma et données"),
                rows=10,
            ),
            "ordered": forms.BooleanField(label=gettext_lazy("SQL : l'ordre des lignes compte"), required=False),
        }

    def read(self, folder, spec, meta, errors):
        if "schema.sql" not in spec.tests:
            errors.append(f"{folder / 'tests' / 'schema.sql'}:1: " + _("fichier manquant"))
        if "query.sql" not in spec.solution:
            errors.append(f"{folder / 'solution' / 'query.sql'}:1: " + _("fichier manquant"))
        from ...spec import _line

        meta_path = folder / "exercise.toml"
        text = meta_path.read_text(encoding="utf-8", errors="replace")
        sql = meta.get("sql", {})
        if not isinstance(sql, dict):
            errors.append(f"{meta_path}:{_line(text, 'sql')}: " + _("« sql » doit être une table [sql]"))
            sql = {}
        for key in ("ordered", "check_column_names"):
            value = sql.get(key, False)
            if not isinstance(value, bool):  # "false" would be true: said, not guessed
                errors.append(f"{meta_path}:{_line(text, key)}: " + _("« %(key)s » vaut true ou false") % {"key": key})
            spec.config[key] = value is True

    def export_meta(self, exercise):
        from ...packages import toml_table

        return "\n[sql]\n" + toml_table(
            [
                ("ordered", exercise.config.get("ordered", False)),
                ("check_column_names", exercise.config.get("check_column_names", False)),
            ]
        )

    def is_simple(self, exercise):
        return set(exercise.tests) <= {"schema.sql"} and set(exercise.solution) <= {"query.sql"}

    def initial(self, exercise):
        name = next(iter(exercise.solution or exercise.starter or {}), "")
        return {
            "filename": name,
            "starter": exercise.starter.get(name, ""),
            "solution": exercise.solution.get(name, ""),
            "hidden_tests": exercise.tests.get("schema.sql", ""),
            "ordered": exercise.config.get("ordered", False),
        }

    def clean_form(self, form, data):
        require(form, data, ["solution", "hidden_tests"])
        data["filename"] = self.default_file

    def apply(self, exercise, data):
        exercise.starter = {self.default_file: data["starter"]} if data.get("starter") else {}
        exercise.solution = {self.default_file: data["solution"]}
        exercise.tests = {"schema.sql": data["hidden_tests"]}
        exercise.config = {
            "ordered": bool(data.get("ordered")),
            "check_column_names": exercise.config.get("check_column_names", False),
        }
