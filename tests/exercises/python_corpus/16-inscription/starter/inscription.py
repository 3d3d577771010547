class InscriptionInvalide(Exception):
    pass


class AgeInvalide(InscriptionInvalide):
    pass


class EmailInvalide(InscriptionInvalide):
    pass


def inscrire(nom, age, email):
    return {"nom": nom, "age": age, "email": email}
