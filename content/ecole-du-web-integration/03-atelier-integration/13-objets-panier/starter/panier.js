// Fonction d'exemple, déjà écrite : le nombre d'articles du panier.
// nombreArticles([{ nom: "Baguette", prix: 130, quantite: 2 }]) renvoie 2.
function nombreArticles(panier) {
  let total = 0;
  for (const ligne of panier) {
    total = total + ligne.quantite;
  }
  return total;
}

// Le prix total du panier, en centimes.
function totalPanier(panier) {
  // À compléter
  return 0;
}

// Un NOUVEAU panier avec l'article en plus (sans modifier le panier reçu).
function ajouterArticle(panier, article) {
  // À compléter
  panier.push(article);
  return panier;
}

// { categorie: [noms des produits de cette catégorie] }
function regrouperParCategorie(produits) {
  // À compléter
  return {};
}

module.exports = { nombreArticles, totalPanier, ajouterArticle, regrouperParCategorie };
