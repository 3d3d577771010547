def ecrire_liste(chemin, articles):
    """Écrit un article par ligne (« - article ») dans le fichier et renvoie le nombre d'articles."""
    pass
