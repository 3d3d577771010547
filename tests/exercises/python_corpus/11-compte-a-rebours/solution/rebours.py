def compte_a_rebours(n):
    while n > 0:
        yield n
        n -= 1


def pairs(limite):
    for nombre in range(0, limite, 2):
        yield nombre


def sans_vides(lignes):
    for ligne in lignes:
        ligne = ligne.strip()
        if ligne:
            yield ligne
