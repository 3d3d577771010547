def saluer(prenom):
    """Renvoie la phrase « Bonjour <prenom> ! »."""
    pass
