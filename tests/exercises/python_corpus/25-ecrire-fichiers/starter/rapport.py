def ecrire_lignes(chemin, lignes):
    with open(chemin, "a", encoding="utf-8") as fichier:
        for ligne in lignes:
            fichier.write(ligne + "\n")


def ajouter_ligne(chemin, ligne):
    with open(chemin, "w", encoding="utf-8") as fichier:
        fichier.write(ligne + "\n")


def remplacer(chemin, ancien, nouveau):
    raise NotImplementedError


def copier_en_majuscules(source, destination):
    raise NotImplementedError
