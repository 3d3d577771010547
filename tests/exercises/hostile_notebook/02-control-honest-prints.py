# Control: an honest answer that prints to stdout while it computes (nbgrader: stdout is fine), must pass.
print("Je définis moyenne.")


def moyenne(liste):
    print("calcul de la moyenne de", len(liste), "valeurs")
    total = 0
    for valeur in liste:
        total += valeur
    return total / len(liste)
