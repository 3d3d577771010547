# Style : pytest simple — @property avec setter, attribut de classe, @classmethod,
# pytest.raises(ValueError, match=...) sur le constructeur et sur une affectation d'attribut.
import pytest

from thermometre import Temperature


def test_celsius():
    assert Temperature(20).celsius == 20


def test_fahrenheit_calcule():
    assert Temperature(100).fahrenheit == pytest.approx(212)


def test_modifier_celsius_met_a_jour_fahrenheit():
    t = Temperature(0)
    t.celsius = 25
    assert t.fahrenheit == pytest.approx(77)


def test_modifier_fahrenheit_met_a_jour_celsius():
    t = Temperature(0)
    t.fahrenheit = 212
    assert t.celsius == pytest.approx(100)


def test_zero_absolu_attribut_de_classe():
    assert Temperature.ZERO_ABSOLU == pytest.approx(-273.15)


def test_constructeur_refuse_sous_le_zero_absolu():
    with pytest.raises(ValueError, match="zéro absolu"):
        Temperature(-300)


def test_affectation_refusee_sous_le_zero_absolu():
    """t.celsius = -500 lève une ValueError et ne change pas la température"""
    t = Temperature(10)
    with pytest.raises(ValueError, match=r"z[ée]ro absolu"):
        t.celsius = -500
    assert t.celsius == 10


def test_depuis_fahrenheit():
    t = Temperature.depuis_fahrenheit(32)
    assert isinstance(t, Temperature)
    assert t.celsius == pytest.approx(0)


def test_proprietes_declarees():
    assert isinstance(Temperature.celsius, property)
    assert isinstance(Temperature.fahrenheit, property)
