def afficher_recu(articles):
    for nom, prix in articles:
        print(nom, prix)


def avertir(message):
    print("Attention :", message)


def ecrire(texte):
    print(texte)


def afficher_csv(valeurs):
    print(valeurs)
