def ecrire_liste(chemin, articles):
    """Écrit un article par ligne (« - article ») dans le fichier et renvoie le nombre d'articles."""
    with open(chemin, "w", encoding="utf-8") as fichier:
        for article in articles:
            fichier.write(f"- {article}\n")
    return len(articles)
