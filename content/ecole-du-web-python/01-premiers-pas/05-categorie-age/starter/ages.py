def categorie_age(age):
    """Renvoie "enfant", "adolescent", "adulte" ou "senior" selon l'âge."""
    # Ce début de solution ne connaît que deux catégories : complétez-le.
    if age < 12:
        return "enfant"
    else:
        return "adulte"
