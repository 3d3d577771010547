QUESTION = "Quel est votre nom ? "


def demander_nom():
    return input(QUESTION).strip()


def accueillir():
    nom = demander_nom()
    print(f"Bonjour {nom} !")


def demander_age():
    while True:
        reponse = input("Votre âge : ")
        if reponse.strip().isdigit():
            return int(reponse)
        print("Âge invalide")
