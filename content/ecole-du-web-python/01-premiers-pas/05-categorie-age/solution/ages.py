def categorie_age(age):
    """Renvoie "enfant", "adolescent", "adulte" ou "senior" selon l'âge."""
    if age < 0:
        raise ValueError("âge négatif")
    if age < 12:
        return "enfant"
    elif age < 18:
        return "adolescent"
    elif age < 65:
        return "adulte"
    else:
        return "senior"
