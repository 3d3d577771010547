class Horloge:
    def __init__(self, heures, minutes):
        total = (heures * 60 + minutes) % (24 * 60)
        self.heures, self.minutes = divmod(total, 60)

    def __repr__(self):
        return f"Horloge({self.heures}, {self.minutes})"

    def __str__(self):
        return f"{self.heures:02d}:{self.minutes:02d}"

    def __eq__(self, autre):
        if not isinstance(autre, Horloge):
            return NotImplemented
        return (self.heures, self.minutes) == (autre.heures, autre.minutes)

    def __add__(self, minutes):
        return Horloge(self.heures, self.minutes + minutes)

    def __sub__(self, minutes):
        return Horloge(self.heures, self.minutes - minutes)
