FICHIER = "journal.txt"


def noter(message, fichier=FICHIER):
    with open(fichier, "w", encoding="utf-8") as sortie:
        sortie.write(message + "\n")


def relire(fichier=FICHIER):
    with open(fichier, encoding="utf-8") as entree:
        return entree.read().splitlines()
