from datetime import date, datetime, timedelta

JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def lendemain(jour):
    return jour + timedelta(days=1)


def duree(debut, fin):
    return fin - debut


def age(naissance, aujourdhui):
    ans = aujourdhui.year - naissance.year
    if (aujourdhui.month, aujourdhui.day) < (naissance.month, naissance.day):
        ans -= 1
    return ans


def lire_date(texte):
    return datetime.strptime(texte, "%d/%m/%Y").date()


def jours_ouvres(debut, fin):
    jours = []
    jour = debut
    while jour <= fin:
        if jour.weekday() < 5:
            jours.append(jour)
        jour += timedelta(days=1)
    return jours


def nom_du_jour(jour):
    return JOURS[jour.weekday()]
