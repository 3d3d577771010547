// Fonction d'exemple, déjà écrite : les livres disponibles.
// filter garde les éléments pour lesquels la fonction renvoie true,
// dans un NOUVEAU tableau : le tableau reçu n'est pas modifié.
function disponibles(livres) {
  return livres.filter((livre) => livre.disponible);
}

// Le tableau des titres, dans le même ordre.
function titres(livres) {
  return livres.map((livre) => livre.titre);
}

// Le nombre total de pages (0 pour un tableau vide).
function totalPages(livres) {
  return livres.reduce((total, livre) => total + livre.pages, 0);
}

// Les livres de cet auteur, sans tenir compte des majuscules.
function parAuteur(livres, auteur) {
  const cherche = auteur.toLowerCase();
  return livres.filter((livre) => livre.auteur.toLowerCase() === cherche);
}

// Le livre le plus récent (le premier en cas d'égalité), ou null pour un tableau vide.
function plusRecent(livres) {
  let meilleur = null;
  for (const livre of livres) {
    if (meilleur === null || livre.annee > meilleur.annee) {
      meilleur = livre;
    }
  }
  return meilleur;
}

module.exports = { disponibles, titres, totalPages, parAuteur, plusRecent };
