import sys


def afficher_recu(articles):
    total = 0
    for nom, prix in articles:
        print(f"{nom:<10}{prix:>8.2f} €")
        total += prix
    print(f"{'TOTAL':<10}{total:>8.2f} €")


def avertir(message):
    print(f"Attention : {message}", file=sys.stderr)


def ecrire(texte):
    sys.stdout.write(texte)


def afficher_csv(valeurs):
    print(*valeurs, sep=";")
