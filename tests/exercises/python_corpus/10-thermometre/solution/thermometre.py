class Temperature:
    ZERO_ABSOLU = -273.15

    def __init__(self, celsius):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, valeur):
        if valeur < self.ZERO_ABSOLU:
            raise ValueError(f"{valeur} °C est sous le zéro absolu")
        self._celsius = valeur

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, valeur):
        self.celsius = (valeur - 32) * 5 / 9

    @classmethod
    def depuis_fahrenheit(cls, valeur):
        return cls((valeur - 32) * 5 / 9)

    def __repr__(self):
        return f"Temperature({self._celsius!r})"
