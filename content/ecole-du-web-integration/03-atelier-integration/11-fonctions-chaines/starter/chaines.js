// Fonction d'exemple, déjà écrite : met la première lettre d'un mot en majuscule.
// capitaliser("bonjour") renvoie "Bonjour".
function capitaliser(mot) {
  if (mot === "") {
    return "";
  }
  return mot[0].toUpperCase() + mot.slice(1);
}

// initiales("Louise Michel") renvoie "L.M."
function initiales(nomComplet) {
  // À compléter
  return "";
}

// slug("Fête des voisins 2025 !") renvoie "fete-des-voisins-2025"
function slug(titre) {
  // À compléter
  return titre;
}

// tronquer("Bonjour à tous", 7) renvoie "Bonjour…"
function tronquer(texte, max) {
  // À compléter
  return texte;
}

module.exports = { capitaliser, initiales, slug, tronquer };
