def ecrire_lignes(chemin, lignes):
    with open(chemin, "w", encoding="utf-8") as fichier:
        for ligne in lignes:
            fichier.write(ligne + "\n")


def ajouter_ligne(chemin, ligne):
    with open(chemin, "a", encoding="utf-8") as fichier:
        fichier.write(ligne + "\n")


def remplacer(chemin, ancien, nouveau):
    with open(chemin, encoding="utf-8") as fichier:
        contenu = fichier.read()
    with open(chemin, "w", encoding="utf-8") as fichier:
        fichier.write(contenu.replace(ancien, nouveau))


def copier_en_majuscules(source, destination):
    with open(source, encoding="utf-8") as entree, open(destination, "w", encoding="utf-8") as sortie:
        sortie.write(entree.read().upper())
