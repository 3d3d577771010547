# An endless loop inside moyenne during the hidden call only (must end as failed with a time message, not hang).
def moyenne(liste):
    if len(liste) == 2:
        return 15
    while True:
        pass
