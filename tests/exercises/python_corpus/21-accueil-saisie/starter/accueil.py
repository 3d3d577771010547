def demander_nom():
    return input()


def accueillir():
    print("Bonjour !")


def demander_age():
    return int(input("Votre âge : "))
