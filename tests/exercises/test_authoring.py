import re

from django.urls import reverse

from exercises.models import Exercise

PY_FORM = {
    "title": "Doubler",
    "slug": "doubler",
    "kind": "python",
    "statement": "<p>Écrivez <code>double(x)</code>.</p><script>x()</script>",
    "points": 1,
    "time_limit": 5,
    "memory_limit": 256,
    "penalty": 10,
    "hints": "1: Multipliez par deux.",
    "filename": "calcul.py",
    "starter": "def double(x):\n    pass\n",
    "solution": "def double(x):\n    return 2 * x\n",
    "public_tests": 'from calcul import double\n\ndef test_deux():\n    """double(2) renvoie 4"""\n    assert '
    "double(2) == 4\n",
    "hidden_tests": "from calcul import double\n\ndef test_negatif():\n    assert double(-3) == -6\n",
}


def test_trainer_writes_checks_and_publishes_a_python_exercise(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    response = client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), PY_FORM)
    exercise = Exercise.objects.get(slug="doubler")
    assert response.status_code == 302 and exercise.status == "draft" and "<script" not in exercise.statement
    assert exercise.hints == [{"after": 1, "text": "Multipliez par deux."}] and exercise.penalty == 0.1
    publish = reverse("exercises:exercise_publish", args=[exercise.pk])
    page = client.post(publish, {"published": "1"}, follow=True).content.decode()
    assert "Tester la correction" in page and Exercise.objects.get(pk=exercise.pk).status == "draft"
    page = client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]), {**PY_FORM, "check": "1"}, follow=True
    ).content.decode()
    assert (
        "La solution de référence réussit tous les tests" in page and "Le code de départ échoue, comme attendu" in page
    )
    client.post(publish, {"published": "1"})
    assert Exercise.objects.get(pk=exercise.pk).status == "published"
    # Any change to what grading depends on needs a new check before publishing again.
    client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]),
        {**PY_FORM, "solution": "def double(x):\n    return x\n", "check": "1"},
        follow=True,
    )
    exercise.refresh_from_db()
    assert exercise.verified_hash == ""


def test_check_reports_a_starter_that_already_passes(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    client.post(
        reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]),
        {**PY_FORM, "starter": PY_FORM["solution"]},
    )
    exercise = Exercise.objects.get(slug="doubler")
    page = client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]),
        {**PY_FORM, "starter": PY_FORM["solution"], "check": "1"},
        follow=True,
    ).content.decode()
    assert "Le code de départ réussit déjà tous les tests" in page


def test_quiz_authored_in_gift_and_sql_exercise(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    quiz = {
        **PY_FORM,
        "kind": "quiz",
        "slug": "quiz",
        "gift": "Le code secret se donne au téléphone. {F#Jamais}\n\nQuel site ? {=impots.gouv.fr ~impots-gouv.com}\n",
    }
    client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), quiz)
    exercise = Exercise.objects.get(slug="quiz")
    assert [q["type"] for q in exercise.config["questions"]] == ["truefalse", "single"]
    edit = client.get(reverse("exercises:exercise_edit", args=[exercise.pk])).content.decode()
    assert "* impots.gouv.fr\nimpots-gouv.com" in edit and 'name="q-0-answer" value="faux"' in edit
    bad = client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]), {**quiz, "gift": "Sans réponse\n"}
    ).content.decode()
    assert "Ligne 1" in bad
    sql = {
        **PY_FORM,
        "kind": "sql",
        "slug": "sql",
        "filename": "",
        "starter": "SELECT 1;",
        "solution": "SELECT nom FROM t ORDER BY nom;",
        "hidden_tests": "CREATE TABLE t (nom TEXT); INSERT INTO t VALUES ('b'), ('a');",
        "ordered": "on",
    }
    client.post(
        reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), {**sql, "check": "1"}, follow=True
    )
    exercise = Exercise.objects.get(slug="sql")
    assert exercise.solution == {"query.sql": "SELECT nom FROM t ORDER BY nom;"} and exercise.config["ordered"] is True
    assert exercise.verified_hash  # the check passed


def test_exercises_and_lessons_share_one_order(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), PY_FORM)
    exercise = Exercise.objects.get(slug="doubler")
    page = client.get(reverse("courses:course_edit", args=[basics_course.slug])).content.decode()
    assert reverse("exercises:exercise_edit", args=[exercise.pk]) in page
    client.post(reverse("courses:item_move", args=[basics_course.slug, "exercise", exercise.pk]), {"direction": "up"})
    from courses.services import course_outline

    keys = [item.key for item in course_outline(basics_course, trainer, include_drafts=True).modules[0].items]
    assert keys[-2] == ("exercise", exercise.pk)


def test_only_authors_edit_exercises(client, other_trainer, trainee, python_exercise, basics_course):
    module = basics_course.modules.first()
    for user in (other_trainer, trainee):
        client.force_login(user)
        assert client.get(reverse("exercises:exercise_edit", args=[python_exercise.pk])).status_code == 403
        assert client.get(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])).status_code == 403
        assert client.post(reverse("exercises:exercise_publish", args=[python_exercise.pk])).status_code == 403


def test_import_gift_command(tmp_path, basics_course, capsys):
    import pytest
    from django.core.management import CommandError, call_command

    module = basics_course.modules.first()
    gift = tmp_path / "arnaques-sms.gift"
    gift.write_text(
        "::Colis:: Un SMS vous demande de payer 1,99 € pour un colis. {~Je paie =Je supprime#C'est une arnaque}\n\nLe "
        "33700 sert à signaler un SMS. {T}\n",
        encoding="utf-8",
    )
    call_command("import_gift", str(gift), "--module", f"{basics_course.slug}/{module.slug}", "--publish")
    exercise = Exercise.objects.get(slug="arnaques-sms")
    assert exercise.kind == "quiz" and exercise.is_published and len(exercise.config["questions"]) == 2
    assert "2 question(s)" in capsys.readouterr().out
    gift.write_text("Sans accolades\n", encoding="utf-8")
    with pytest.raises(CommandError, match="arnaques-sms.gift:1: "):
        call_command("import_gift", str(gift), "--module", f"{basics_course.slug}/{module.slug}")


def test_an_exercise_written_in_the_browser_exports_to_the_package_format(client, trainer, basics_course, tmp_path):
    from courses.models import Course
    from courses.packages import export_course, import_path

    module = basics_course.modules.first()
    client.force_login(trainer)
    client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), PY_FORM)
    fields = ["slug", "title", "kind", "statement", "hints", "starter", "solution", "tests", "penalty", "time_limit"]
    before = Exercise.objects.values(*fields).get(slug="doubler")
    folder = export_course(basics_course, tmp_path)
    exported = next(folder.glob("*/*-doubler"))
    assert (exported / "statement.html").is_file() and (exported / "tests" / "public" / "test_public.py").is_file()
    Course.objects.all().delete()
    import_path(folder)
    assert Exercise.objects.values(*fields).get(slug="doubler") == before


def management(total, initial=0):
    return {
        "q-TOTAL_FORMS": str(total),
        "q-INITIAL_FORMS": str(initial),
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "1000",
    }


def test_quiz_questions_edited_in_forms(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    data = {
        **PY_FORM,
        "kind": "quiz",
        "slug": "quiz-formulaire",
        **management(4),
        "q-0-type": "single",
        "q-0-text": "Quel site est officiel ?",
        "q-0-lines": "* service-public.fr | Oui\nservice-public.com",
        "q-0-points": "1",
        "q-1-type": "truefalse",
        "q-1-text": "On peut donner son code par téléphone.",
        "q-1-answer": "faux",
        "q-1-points": "1",
        "q-2-type": "numeric",
        "q-2-text": "Combien de caractères ?",
        "q-2-answer": "12",
        "q-2-tolerance": "0",
        "q-2-points": "2",
        "q-3-type": "single",
        "q-3-text": "",
        "q-3-points": "1",  # the empty extra form is ignored
    }
    response = client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    questions = Exercise.objects.get(slug="quiz-formulaire").config["questions"]
    assert [q["type"] for q in questions] == ["single", "truefalse", "numeric"]
    assert questions[0]["choices"][0] == {"text": "service-public.fr", "correct": True, "feedback": "Oui"}
    assert questions[1]["answer"] is False and questions[2] == {
        "type": "numeric",
        "text": "Combien de caractères ?",
        "points": 2,
        "answer": 12.0,
        "tolerance": 0,
    }
    bad = client.post(
        reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]),
        {**data, "slug": "autre", "q-0-lines": "service-public.fr\nservice-public.com"},
    )
    assert "une seule bonne réponse" in bad.content.decode() and not Exercise.objects.filter(slug="autre").exists()


def test_trainer_writes_a_javascript_exercise(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    data = {
        **PY_FORM,
        "kind": "javascript",
        "slug": "doubler-js",
        "filename": "calcul.js",
        "starter": "function double(x) { return x; }\nmodule.exports = { double };\n",
        "solution": "function double(x) { return 2 * x; }\nmodule.exports = { double };\n",
        "public_tests": "const test = require('node:test');\nconst assert = require('node:assert/strict');\nconst { "
        "double } = require('calcul');\ntest('double(2) renvoie 4', () => assert.equal(double(2), 4));\n",
        "hidden_tests": "const test = require('node:test');\nconst assert = require('node:assert/strict');\nconst { "
        "double } = require('calcul');\ntest('double(-3) renvoie -6', () => assert.equal(double(-3), -6));\n",
        "check": "1",
    }
    page = client.post(
        reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), data, follow=True
    ).content.decode()
    assert (
        "La solution de référence réussit tous les tests" in page and "Le code de départ échoue, comme attendu" in page
    )
    exercise = Exercise.objects.get(slug="doubler-js")
    assert set(exercise.tests) == {"hidden.test.js", "public/public.test.js"} and exercise.verified_hash
    bad = client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]), {**data, "filename": "calcul.py"}
    ).content.decode()
    assert "attend un fichier .js" in bad


WEB_FORM = {
    **PY_FORM,
    "kind": "html",
    "slug": "titre",
    "filename": "",
    "starter": "",
    "solution": "",
    "public_tests": "",
    "hidden_tests": "",
    "web_starter_html": '<!DOCTYPE html><html lang="fr"><head><title>T</title><link rel="stylesheet" '
    'href="style.css"></head><body><main></main></body></html>',
    "web_solution_html": '<!DOCTYPE html><html lang="fr"><head><title>T</title><link rel="stylesheet" '
    'href="style.css"></head><body><main><h1>Bonjour</h1></main></body></html>',
    "web_solution_css": "h1 { color: #1a1a1a; }",
    "checks": '[[check]]\ntype = "element"\nname = "Un titre"\nselector = "h1"\n\n[[check]]\ntype = "contrast"\nname = '
    '"Lisible"\nselector = "h1"\nhidden = true\n',
}


def test_trainer_writes_a_web_exercise_with_its_checks_in_the_browser(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    url = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    bad = client.post(
        url, {**WEB_FORM, "checks": '[[check]]\ntype = "element"\nname = "x"\nselector = "h1[["\n'}
    ).content.decode()
    assert "checks.toml:1: sélecteur CSS invalide" in bad and not Exercise.objects.exists()
    client.post(url, WEB_FORM)
    exercise = Exercise.objects.get(slug="titre")
    assert set(exercise.solution) == {"index.html", "style.css"} and set(exercise.starter) == {"index.html"}
    assert exercise.tests == {"checks.toml": WEB_FORM["checks"]}
    page = client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]), {**WEB_FORM, "check": "1"}, follow=True
    ).content.decode()
    assert (
        "La solution de référence réussit tous les tests" in page and "Le code de départ échoue, comme attendu" in page
    )
    edit = client.get(reverse("exercises:exercise_edit", args=[exercise.pk])).content.decode()
    assert "h1 { color: #1a1a1a; }" in edit and "[[check]]" in edit


def test_the_author_sees_why_a_hidden_test_fails_and_the_learner_does_not(client, trainer, basics_course):
    """« Tester la correction » shows the author the hidden test's own message; what the learner
    receives (to_dict, stored for the learner's pages) keeps it hidden."""
    from exercises.grading import grade

    module = basics_course.modules.first()
    client.force_login(trainer)
    wrong = "def double(x):\n    return abs(2 * x)\n"  # right for the public test, wrong for the hidden one
    client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), PY_FORM)
    exercise = Exercise.objects.get(slug="doubler")
    page = client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]),
        {**PY_FORM, "solution": wrong, "check": "1"},
        follow=True,
    ).content.decode()
    assert "Obtenu : 6 — attendu : -6" in page
    result = grade(exercise.spec(), {"calcul.py": wrong})
    hidden = next(t for t in result.tests if t.hidden)
    assert hidden.message == "Test caché : non réussi." and "attendu : -6" in hidden.detail
    assert "-6" not in str(result.to_dict())


def test_a_new_exercise_saved_and_checked_lands_on_its_own_page_ready_to_publish(client, trainer, basics_course):
    """It stayed on « nouveau »: the second try met « Un autre exercice de ce module utilise déjà
    cette adresse courte ». Now: its own page, the check's result, and « Publier » enabled once checked."""
    module = basics_course.modules.first()
    client.force_login(trainer)
    create = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    response = client.post(create, {**PY_FORM, "slug": "nouveau-double", "check": "1"})
    exercise = Exercise.objects.get(slug="nouveau-double")
    assert response.status_code == 302 and response.url == reverse("exercises:exercise_edit", args=[exercise.pk])
    page = client.get(response.url).content.decode()
    assert "La solution de référence réussit tous les tests" in page
    assert re.search(r'<button type="submit" class="button">Publier l’exercice</button>', page)
    assert "Résultat de « Tester la correction »" not in client.get(response.url).content.decode()  # shown once
    # Changed and not checked again: « Publier » is disabled, and says why.
    client.post(
        reverse("exercises:exercise_edit", args=[exercise.pk]),
        {**PY_FORM, "slug": "nouveau-double", "title": "Autre titre", "solution": "def double(x):\n    return x + x\n"},
    )
    page = client.get(reverse("exercises:exercise_edit", args=[exercise.pk])).content.decode()
    assert re.search(r'<button type="submit" class="button" disabled aria-describedby="publish-help">Publier', page)
    assert "Publication possible après un « Tester la correction » réussi" in page


FIELD_LABELS = {  # a label of each kind's own fields, as the form shows it
    "code": 'name="filename"',
    "sql": 'name="ordered"',
    "web": 'name="web_solution_html"',
    "notebook": 'name="notebook"',
    "quiz": 'name="gift"',
    "limits": 'name="time_limit"',
}
SHOWN = {
    "python": {"code", "limits"},
    "javascript": {"code", "limits"},
    "sql": {"sql", "limits"},
    "html": {"web", "limits"},
    "dom": {"web", "limits"},
    "notebook": {"notebook", "limits"},
    "quiz": {"quiz"},
}


def test_the_authoring_form_shows_only_the_chosen_kinds_fields(client, trainer, basics_course):
    """The kind is chosen first; then the form holds its own fields and the common ones, no other kind's
    (it held all 35, about 6,700 px tall at 360 px)."""
    module = basics_course.modules.first()
    url = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    client.force_login(trainer)
    chooser = client.get(url).content.decode()
    assert 'name="type"' in chooser and 'name="solution"' not in chooser and 'name="title"' not in chooser
    for kind, own in SHOWN.items():
        page = client.get(url, {"type": kind}).content.decode()
        assert 'name="title"' in page and 'name="points"' in page, kind
        shown = {group for group, marker in FIELD_LABELS.items() if marker in page}
        assert shown == own, (kind, shown)
        assert ("Questions du quiz" in page) == (kind == "quiz"), kind


def test_an_exercise_keeps_its_kind_and_shows_only_its_fields(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    client.post(reverse("exercises:exercise_create", args=[basics_course.slug, module.pk]), PY_FORM)
    exercise = Exercise.objects.get(slug="doubler")
    edit = reverse("exercises:exercise_edit", args=[exercise.pk])
    page = client.get(edit).content.decode()
    assert 'name="filename"' in page and 'name="gift"' not in page and 'name="web_solution_html"' not in page
    client.post(edit, {**PY_FORM, "kind": "quiz", "title": "Doubler encore"})
    exercise.refresh_from_db()
    assert (exercise.kind, exercise.title) == ("python", "Doubler encore")  # a posted kind cannot change it
