// Fonction d'exemple, déjà écrite : les livres disponibles.
// filter garde les éléments pour lesquels la fonction renvoie true,
// dans un NOUVEAU tableau : le tableau reçu n'est pas modifié.
function disponibles(livres) {
  return livres.filter((livre) => livre.disponible);
}

// Le tableau des titres, dans le même ordre.
function titres(livres) {
  // À compléter
}

// Le nombre total de pages (0 pour un tableau vide).
function totalPages(livres) {
  // À compléter
}

// Les livres de cet auteur, sans tenir compte des majuscules.
function parAuteur(livres, auteur) {
  // À compléter
}

// Le livre le plus récent (le premier en cas d'égalité), ou null pour un tableau vide.
function plusRecent(livres) {
  // À compléter
}

module.exports = { disponibles, titres, totalPages, parAuteur, plusRecent };
