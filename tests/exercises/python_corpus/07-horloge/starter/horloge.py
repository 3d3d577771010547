class Horloge:
    def __init__(self, heures, minutes):
        self.heures = heures
        self.minutes = minutes

    def __str__(self):
        return f"{self.heures}:{self.minutes}"
