class Forme {
  constructor(nom) {
    this.nom = nom;
  }

  aire() {
    throw new Error("aire() n'est pas définie pour une forme quelconque");
  }

  decrire() {
    return `${this.nom} d'aire ${Math.round(this.aire() * 100) / 100}`;
  }

  toString() {
    return this.decrire();
  }

  static comparer(a, b) {
    return a.aire() - b.aire();
  }
}

class Rectangle extends Forme {
  constructor(largeur, hauteur, nom = "rectangle") {
    super(nom);
    this.largeur = largeur;
    this.hauteur = hauteur;
  }

  aire() {
    return this.largeur * this.hauteur;
  }

  perimetre() {
    return 2 * (this.largeur + this.hauteur);
  }
}

class Carre extends Rectangle {
  constructor(cote) {
    super(cote, cote, "carré");
  }
}

class Cercle extends Forme {
  constructor(rayon) {
    super("cercle");
    this.rayon = rayon;
  }

  get diametre() {
    return 2 * this.rayon;
  }

  aire() {
    return Math.PI * this.rayon ** 2;
  }
}

module.exports = { Forme, Rectangle, Carre, Cercle };
