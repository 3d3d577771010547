# Style : matplotlib — la fonction renvoie un Axes ; isinstance(ax, matplotlib.axes.Axes) et titre.
import matplotlib.axes

from graphique import diagramme_ventes


def test_renvoie_un_axes():
    """diagramme_ventes renvoie l'objet Axes du graphique"""
    ax = diagramme_ventes({"janvier": 120})
    assert isinstance(ax, matplotlib.axes.Axes), "renvoyez ax (fig, ax = plt.subplots())"
    assert ax.get_title() == "Ventes par mois"
