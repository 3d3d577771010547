from population import population_totale


def ecrire_csv(dossier, lignes):
    chemin = dossier / "donnees.csv"
    chemin.write_text("\n".join(["commune;departement;population", *lignes]) + "\n", encoding="utf-8")
    return str(chemin)


def test_autre_fichier(tmp_path):
    """Un autre fichier de trois communes est bien additionné"""
    chemin = ecrire_csv(tmp_path, ["Rennes;35;225081", "Reims;51;178478", "Le Havre;76;166462"])
    assert population_totale(chemin) == 570021, "la fonction doit lire le fichier dont on lui donne le chemin"


def test_une_seule_commune(tmp_path):
    """Un fichier d'une seule commune renvoie sa population"""
    chemin = ecrire_csv(tmp_path, ["Brest;29;139926"])
    assert population_totale(chemin) == 139926, "une seule commune : sa population"


def test_seulement_les_titres(tmp_path):
    """Un fichier sans aucune commune renvoie 0"""
    chemin = ecrire_csv(tmp_path, [])
    assert population_totale(chemin) == 0, "sans commune, la population totale vaut 0"


def test_noms_avec_accents(tmp_path):
    """Les noms de communes avec des accents ne posent pas de problème"""
    chemin = ecrire_csv(tmp_path, ["Saint-Étienne;42;172718", "Orléans;45;116238"])
    assert population_totale(chemin) == 288956, "pensez à encoding=\"utf-8\""


def test_resultat_entier(tmp_path):
    """Le résultat est un entier, pas du texte"""
    chemin = ecrire_csv(tmp_path, ["Dijon;21;159346", "Angers;49;157175"])
    resultat = population_totale(chemin)
    assert isinstance(resultat, int) and resultat == 316521, "convertissez chaque population avec int()"
