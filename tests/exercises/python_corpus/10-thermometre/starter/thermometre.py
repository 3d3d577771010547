class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    def fahrenheit(self):
        raise NotImplementedError

    @classmethod
    def depuis_fahrenheit(cls, valeur):
        raise NotImplementedError
