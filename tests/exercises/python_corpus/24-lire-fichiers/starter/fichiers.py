def compter_lignes(chemin):
    raise NotImplementedError


def lire_notes(chemin):
    raise NotImplementedError


def mot_le_plus_long(chemin):
    raise NotImplementedError
