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
  const mots = nomComplet.trim().split(/\s+/).filter((mot) => mot !== "");
  return mots.map((mot) => mot[0].toUpperCase() + ".").join("");
}

// slug("Fête des voisins 2025 !") renvoie "fete-des-voisins-2025"
function slug(titre) {
  return titre
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// tronquer("Bonjour à tous", 7) renvoie "Bonjour…"
function tronquer(texte, max) {
  if (texte.length <= max) {
    return texte;
  }
  return texte.slice(0, max).trimEnd() + "…";
}

module.exports = { capitaliser, initiales, slug, tronquer };
