def saluer(prenom):
    """Renvoie la phrase « Bonjour <prenom> ! »."""
    return f"Bonjour {prenom} !"
