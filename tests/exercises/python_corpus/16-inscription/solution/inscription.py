class InscriptionInvalide(ValueError):
    """Une inscription refusée."""


class AgeInvalide(InscriptionInvalide):
    def __init__(self, age):
        super().__init__(f"âge invalide : {age}")
        self.age = age


class EmailInvalide(InscriptionInvalide):
    pass


def inscrire(nom, age, email):
    if not 0 <= age <= 130:
        raise AgeInvalide(age)
    if email.count("@") != 1:
        raise EmailInvalide(f"adresse sans @ unique : {email}")
    return {"nom": nom, "age": age, "email": email}
