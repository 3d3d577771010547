from datetime import date


def lendemain(jour):
    return date(jour.year, jour.month, jour.day + 1)


def duree(debut, fin):
    return (fin - debut).days


def age(naissance, aujourdhui):
    return aujourdhui.year - naissance.year


def lire_date(texte):
    raise NotImplementedError


def jours_ouvres(debut, fin):
    raise NotImplementedError


def nom_du_jour(jour):
    raise NotImplementedError
