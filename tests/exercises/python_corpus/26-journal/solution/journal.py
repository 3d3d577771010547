import os

FICHIER = "journal.txt"


def noter(message):
    with open(FICHIER, "a", encoding="utf-8") as fichier:
        fichier.write(message + "\n")


def relire():
    if not os.path.exists(FICHIER):
        return []
    with open(FICHIER, encoding="utf-8") as fichier:
        return fichier.read().splitlines()
