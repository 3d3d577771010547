"""The kinds as authors and learners see them: in the registry's order, with labels in their language."""

from django.utils import translation

from exercises import kinds
from exercises.models import Exercise


def test_the_choices_follow_the_registry_in_french_by_default():
    assert kinds.choices() == [
        ("quiz", "Quiz"),
        ("python", "Python"),
        ("sql", "SQL"),
        ("javascript", "JavaScript"),
        ("html", "HTML et CSS"),
        ("dom", "Page interactive (DOM)"),
        ("notebook", "Notebook Jupyter"),
        ("simulation", "Simulation d'une démarche"),
    ]


def test_the_labels_are_translated():
    with translation.override("en"):
        labels = {name: str(label) for name, label in kinds.choices()}
        assert (labels["html"], labels["dom"], labels["notebook"], labels["simulation"]) == (
            "HTML and CSS",
            "Interactive page (DOM)",
            "Jupyter notebook",
            "Simulation of a procedure",
        )
        assert Exercise(kind="notebook").get_kind_display() == "Jupyter notebook"
