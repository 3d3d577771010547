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
  return panier.reduce((total, ligne) => total + ligne.prix * ligne.quantite, 0);
}

// Un NOUVEAU panier avec l'article en plus (sans modifier le panier reçu).
function ajouterArticle(panier, article) {
  const dejaLa = panier.some((ligne) => ligne.nom === article.nom);
  if (!dejaLa) {
    return [...panier, { ...article }];
  }
  return panier.map((ligne) =>
    ligne.nom === article.nom ? { ...ligne, quantite: ligne.quantite + article.quantite } : ligne,
  );
}

// { categorie: [noms des produits de cette catégorie] }
function regrouperParCategorie(produits) {
  const groupes = {};
  for (const produit of produits) {
    if (!groupes[produit.categorie]) {
      groupes[produit.categorie] = [];
    }
    groupes[produit.categorie].push(produit.nom);
  }
  return groupes;
}

module.exports = { nombreArticles, totalPanier, ajouterArticle, regrouperParCategorie };
