# Style : capfd (capture au niveau des descripteurs 1 et 2) — out, err = capfd.readouterr() ;
# sortie d'erreur (print(..., file=sys.stderr)) ; sys.stdout.write ; print(*valeurs, sep=";").
from recu import afficher_csv, afficher_recu, avertir, ecrire


def test_recu_lignes(capfd):
    afficher_recu([("pain", 1.2), ("lait", 0.95)])
    out, err = capfd.readouterr()
    assert out.splitlines() == [
        "pain          1.20 €",
        "lait          0.95 €",
        "TOTAL         2.15 €",
    ]
    assert err == ""


def test_recu_vide(capfd):
    afficher_recu([])
    assert capfd.readouterr().out == "TOTAL         0.00 €\n"


def test_avertir_sur_la_sortie_d_erreur(capfd):
    """avertir écrit sur la sortie d'erreur, pas sur la sortie standard"""
    avertir("stock bas")
    captured = capfd.readouterr()
    assert captured.err == "Attention : stock bas\n"
    assert captured.out == "", "utilisez print(..., file=sys.stderr)"


def test_ecrire_sans_retour(capfd):
    ecrire("abc")
    ecrire("def")
    assert capfd.readouterr().out == "abcdef"


def test_csv(capfd):
    afficher_csv([1, "deux", 3.5])
    assert capfd.readouterr().out == "1;deux;3.5\n"


def test_avertir_avec_capsys(capsys):
    avertir("porte ouverte")
    assert capsys.readouterr().err == "Attention : porte ouverte\n"
