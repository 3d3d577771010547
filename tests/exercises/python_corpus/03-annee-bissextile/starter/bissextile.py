def est_bissextile(annee):
    return annee % 4 == 0
