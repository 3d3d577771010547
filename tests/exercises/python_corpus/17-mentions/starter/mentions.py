def mention(note):
    if note >= 10:
        return "Passable"
    return "Insuffisant"
