import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def diagramme_ventes(ventes):
    fig, ax = plt.subplots()
    # À compléter : tracer les barres, le titre et les noms des axes
    return ax


def courbe_temperatures(temperatures):
    raise NotImplementedError
