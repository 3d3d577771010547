import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def diagramme_ventes(ventes):
    fig, ax = plt.subplots()
    ax.bar(list(ventes.keys()), list(ventes.values()))
    ax.set_title("Ventes par mois")
    ax.set_xlabel("Mois")
    ax.set_ylabel("Ventes (€)")
    return ax


def courbe_temperatures(temperatures):
    fig, ax = plt.subplots()
    ax.plot(range(len(temperatures)), temperatures, marker="o")
    ax.set_title("Températures")
    return ax
