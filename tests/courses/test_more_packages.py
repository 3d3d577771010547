"""Rich text sanitising (nh3) and the `file:line: message` errors of course packages, in French."""

import pytest

from courses.models import Course, Lesson, Status
from courses.packages import PackageError, import_path, read_path
from courses.sanitize import clean_html, markdown_to_html

# ---------------------------------------------------------------- sanitising


def test_allowed_formatting_tags_and_attributes_are_kept():
    html = (
        '<h2>Sous-titre</h2><pre><code class="language-python">x = 1</code></pre>'
        '<abbr title="Caisse d’allocations familiales">CAF</abbr><span lang="en">hello</span>'
        '<ol start="3"><li>trois</li></ol>'
        '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>'
    )
    assert clean_html(html) == html


def test_a_level_one_heading_is_reduced_to_its_text():
    """The page's own title is the only h1."""
    assert clean_html("<h1>Titre</h1><p>x</p>") == "Titre<p>x</p>"


def test_attributes_outside_the_allow_list_are_dropped():
    assert clean_html('<p class="rouge" id="a" lang="en">p</p>') == '<p lang="en">p</p>'


def test_links_open_safely_and_keep_mail_and_phone_urls():
    html = '<a href="mailto:aide@mairie.fr" target="_blank">écrire</a><a href="tel:+33123456789">appeler</a>'
    assert clean_html(html) == (
        '<a href="mailto:aide@mairie.fr" rel="noopener noreferrer">écrire</a>'
        '<a href="tel:+33123456789" rel="noopener noreferrer">appeler</a>'
    )


@pytest.mark.parametrize("url", ["vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", " javascript:x"])
def test_links_with_other_schemes_lose_their_url(url):
    assert clean_html(f'<a href="{url}">lien</a>') == '<a rel="noopener noreferrer">lien</a>'


def test_relative_links_are_kept():
    assert clean_html('<a href="/cours/">catalogue</a>') == '<a href="/cours/" rel="noopener noreferrer">catalogue</a>'


def test_an_image_in_a_data_url_loses_its_source_but_keeps_its_text():
    assert clean_html('<img src="data:image/png;base64,AAAA" alt="plan">') == '<img alt="plan">'


def test_comments_are_removed():
    assert clean_html("<p>visible<!-- note interne --></p>") == "<p>visible</p>"


def test_nothing_gives_an_empty_body():
    assert clean_html(None) == "" and markdown_to_html(None) == ""


def test_markdown_tables_and_strikethrough_are_rendered():
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~barré~~\n")
    assert "<table>" in html and "<td>1</td>" in html and "<s>barré</s>" in html


def test_markdown_links_get_rel_noopener():
    html = markdown_to_html("[Service public](https://www.service-public.fr)")
    assert html.strip() == '<p><a href="https://www.service-public.fr" rel="noopener noreferrer">Service public</a></p>'


# ---------------------------------------------------------------- package errors


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def package(tmp_path, basics_track):
    root = tmp_path / "mon-cours"
    write(root / "course.toml", 'title = "Mon cours"\ntrack = "numerique-de-base"\nsummary = "Un résumé."\n')
    write(root / "01-bases" / "module.toml", 'title = "Les bases"\n')
    write(root / "01-bases" / "01-intro.md", '+++\ntitle = "Introduction"\n+++\n\nTexte.\n')
    return root


def errors_of(path):
    with pytest.raises(PackageError) as error:
        import_path(path)
    assert not Course.objects.exists()  # nothing is written when anything is wrong
    return error.value.errors


@pytest.mark.parametrize(
    "path, text, expected",
    [
        (
            "course.toml",
            'title = "X"\ntrack = "numerique-de-base"\nsummary = "S"\nlevel = "expert"\n',
            "mon-cours/course.toml:4: « level » vaut « expert » ; valeurs possibles : debutant, intermediaire, avance",
        ),
        (
            "course.toml",
            'title = "X"\ntrack = "numerique-de-base"\nsummary = "S"\nlanguage = "de"\n',
            "mon-cours/course.toml:4: « language » vaut « de » ; valeurs possibles : fr, en",
        ),
        (
            "course.toml",
            'title = "X"\ntrack = "numerique-de-base"\nsummary = "S"\nduration = -5\n',
            "mon-cours/course.toml:4: « duration » doit être un nombre entier de minutes",
        ),
        (
            "course.toml",
            'title = "  "\ntrack = "numerique-de-base"\nsummary = "S"\n',
            "mon-cours/course.toml:1: « title » doit être un texte non vide",
        ),
        (
            "course.toml",
            'title "X"\n',
            "mon-cours/course.toml:1: TOML invalide (colonne 7) : « = » attendu après la clé",
        ),
        (
            "01-bases/module.toml",
            'summary = "Sans titre"\n',
            "mon-cours/01-bases/module.toml:1: la clé « title » est obligatoire",
        ),
        (
            "01-bases/02-ouvert.md",
            '+++\ntitle = "Ouvert"\n',
            "mon-cours/01-bases/02-ouvert.md:1: l'en-tête TOML n'est pas refermé par une ligne « +++ »",
        ),
        (
            "01-bases/02-format.md",
            '+++\ntitle = "F"\nformat = "rst"\n+++\nx\n',
            "mon-cours/01-bases/02-format.md:3: « format » vaut « rst » ; valeurs possibles : markdown, html",
        ),
        (
            "01-bases/02-competences.md",
            '+++\ntitle = "C"\ncompetences = "CRCN-1.1"\n+++\nx\n',
            "mon-cours/01-bases/02-competences.md:3: « competences » doit être une liste de codes",
        ),
        (
            "01-bases/02-syntaxe.md",
            '+++\ntitle = "S"\nduration = dix\n+++\nx\n',
            "mon-cours/01-bases/02-syntaxe.md:3: TOML invalide (colonne 12) : valeur invalide",
        ),
        (
            "01-bases/03-Majuscule.md",
            '+++\ntitle = "M"\n+++\nx\n',
            "mon-cours/01-bases/03-Majuscule.md:1: nom invalide : attendu « NN-slug »",
        ),
    ],
)
def test_each_problem_is_reported_on_its_file_and_line_in_french(package, path, text, expected):
    write(package / path, text)
    errors = errors_of(package)
    assert any(error.startswith(expected) for error in errors), errors


def test_a_course_without_course_toml_is_not_found(tmp_path, db):
    write(tmp_path / "vide" / "01-a" / "module.toml", 'title = "A"\n')
    [error] = errors_of(tmp_path / "vide")
    assert error == f"{tmp_path / 'vide'}:1: aucun cours trouvé (pas de course.toml)"


def test_a_module_folder_without_module_toml_is_reported(package):
    write(package / "02-suite" / "01-a.md", '+++\ntitle = "A"\n+++\nx\n')
    assert "mon-cours/02-suite/module.toml:1: fichier module.toml manquant" in errors_of(package)


def test_a_folder_in_a_module_must_be_an_exercise(package):
    (package / "01-bases" / "02-images").mkdir()
    assert "mon-cours/01-bases/02-images:1: dossier inconnu : un fichier exercise.toml est attendu ici" in errors_of(
        package
    )


def test_a_lesson_not_in_utf8_is_reported(package):
    (package / "01-bases" / "02-latin.md").write_bytes('+++\ntitle = "Été"\n+++\n'.encode("latin-1"))
    assert "mon-cours/01-bases/02-latin.md:1: le fichier n'est pas en UTF-8" in errors_of(package)


def test_a_course_folder_name_must_be_a_slug(package):
    renamed = package.rename(package.parent / "Mon_Cours")
    assert "Mon_Cours:1: le nom du dossier doit être le slug du cours (minuscules, chiffres, tirets)" in errors_of(
        renamed
    )


def test_an_attestation_score_out_of_range_is_reported_on_its_line(package):
    write(
        package / "course.toml",
        'title = "X"\ntrack = "numerique-de-base"\nsummary = "S"\n\n[attestation]\nmin_score = 120\n',
    )
    errors = errors_of(package)
    assert any(error.startswith("mon-cours/course.toml:6: « min_score »") for error in errors), errors


def test_every_problem_of_the_package_is_reported_at_once(package):
    write(package / "course.toml", 'track = "numerique-de-base"\nsummary = "S"\n')
    write(package / "01-bases" / "module.toml", "summary = 'x'\n")
    errors = errors_of(package)
    assert "mon-cours/course.toml:1: la clé « title » est obligatoire" in errors
    assert "mon-cours/01-bases/module.toml:1: la clé « title » est obligatoire" in errors


def test_draft_status_and_html_format_are_read_from_the_front_matter(package):
    write(
        package / "01-bases" / "02-brouillon.md",
        (
            '+++\ntitle = "Brouillon"\nstatus = "draft"\nformat = "html"\nduration = 4\n+++\n'
            "<p>Déjà en <em>HTML</em></p>\n"
        ),
    )
    import_path(package)
    lesson = Lesson.objects.get(slug="brouillon")
    assert (lesson.status, lesson.body, lesson.source, lesson.duration_minutes) == (
        Status.DRAFT,
        "<p>Déjà en <em>HTML</em></p>",
        "",
        4,
    )


def test_a_draft_course_package_stays_a_draft(package):
    write(
        package / "course.toml",
        'title = "X"\ntrack = "numerique-de-base"\nsummary = "S"\nstatus = "draft"\nlevel = "avance"\n',
    )
    [course] = import_path(package)
    assert (course.status, course.level, course.language) == (Status.DRAFT, "avance", "fr")


def test_reading_writes_nothing(package):
    [data] = read_path(package)
    assert (data.slug, data.title, [m.slug for m in data.modules]) == ("mon-cours", "Mon cours", ["bases"])
    assert not Course.objects.exists()


def test_a_module_gone_from_the_package_is_removed_on_reimport(package):
    write(package / "02-suite" / "module.toml", 'title = "Suite"\n')
    write(package / "02-suite" / "01-fin.md", '+++\ntitle = "Fin"\n+++\nx\n')
    [course] = import_path(package)
    assert [m.slug for m in course.modules.all()] == ["bases", "suite"]
    for path in sorted((package / "02-suite").iterdir()):
        path.unlink()
    (package / "02-suite").rmdir()
    import_path(package)
    assert [m.slug for m in course.modules.all()] == ["bases"] and not Lesson.objects.filter(slug="fin").exists()
