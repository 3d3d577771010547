# Style : matplotlib — isinstance(ax, matplotlib.axes.Axes), ax.get_title(), len(ax.patches), hauteurs des
# barres, noms des axes, étiquettes après canvas.draw(), ax.lines et get_ydata() ; figures fermées après.
import matplotlib

matplotlib.use("Agg")
import matplotlib.axes  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from graphique import courbe_temperatures, diagramme_ventes  # noqa: E402

VENTES = {"janvier": 120, "février": 90, "mars": 150}


@pytest.fixture(autouse=True)
def fermer_les_figures():
    yield
    plt.close("all")


def test_axes_et_titre():
    ax = diagramme_ventes(VENTES)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_title() == "Ventes par mois"


def test_une_barre_par_mois():
    ax = diagramme_ventes(VENTES)
    assert len(ax.patches) == 3, "une barre par mois"
    assert [barre.get_height() for barre in ax.patches] == [120, 90, 150]


def test_noms_des_axes():
    ax = diagramme_ventes(VENTES)
    assert ax.get_xlabel() == "Mois"
    assert ax.get_ylabel() == "Ventes (€)"


def test_etiquettes_des_barres():
    ax = diagramme_ventes(VENTES)
    ax.figure.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["janvier", "février", "mars"]


def test_courbe():
    ax = courbe_temperatures([12.5, 14.0, 9.5])
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_title() == "Températures"
    assert len(ax.lines) == 1
    assert list(ax.lines[0].get_ydata()) == [12.5, 14.0, 9.5]
