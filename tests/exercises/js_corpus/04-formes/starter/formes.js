class Forme {
  constructor(nom) {
    this.nom = nom;
  }

  aire() {
    return 0;
  }

  decrire() {
    return this.nom;
  }

  static comparer(a, b) {
    return 0;
  }
}

class Rectangle extends Forme {
  constructor(largeur, hauteur) {
    super("rectangle");
    this.largeur = largeur;
    this.hauteur = hauteur;
  }
}

class Carre {
  constructor(cote) {
    this.cote = cote;
  }
}

class Cercle extends Forme {
  constructor(rayon) {
    super("cercle");
    this.rayon = rayon;
  }
}

module.exports = { Forme, Rectangle, Carre, Cercle };
