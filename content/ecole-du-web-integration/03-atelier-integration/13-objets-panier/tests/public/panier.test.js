const test = require("node:test");
const assert = require("node:assert/strict");
const { nombreArticles, totalPanier, ajouterArticle, regrouperParCategorie } = require("panier");

function panierExemple() {
  return [
    { nom: "Baguette tradition", prix: 130, quantite: 2 },
    { nom: "Croissant pur beurre", prix: 120, quantite: 6 },
  ];
}

test("nombreArticles compte 8 articles (fonction d'exemple)", () => {
  assert.equal(nombreArticles(panierExemple()), 8);
});

test("totalPanier de l'exemple vaut 980 centimes", () => {
  assert.equal(totalPanier(panierExemple()), 980, "2 × 130 + 6 × 120 = 980 centimes (9,80 €)");
});

test("ajouterArticle ajoute un nouveau produit à la fin", () => {
  const nouveau = ajouterArticle(panierExemple(), { nom: "Pain au levain", prix: 580, quantite: 1 });
  assert.deepEqual(nouveau, [
    { nom: "Baguette tradition", prix: 130, quantite: 2 },
    { nom: "Croissant pur beurre", prix: 120, quantite: 6 },
    { nom: "Pain au levain", prix: 580, quantite: 1 },
  ], "le panier renvoyé a une ligne de plus, à la fin");
});

test("ajouterArticle augmente la quantité d'un produit déjà présent", () => {
  const nouveau = ajouterArticle(panierExemple(), { nom: "Baguette tradition", prix: 130, quantite: 1 });
  assert.deepEqual(nouveau, [
    { nom: "Baguette tradition", prix: 130, quantite: 3 },
    { nom: "Croissant pur beurre", prix: 120, quantite: 6 },
  ], "pas de nouvelle ligne : la quantité de la baguette passe de 2 à 3");
});

test("ajouterArticle ne modifie pas le panier reçu", () => {
  const panier = panierExemple();
  ajouterArticle(panier, { nom: "Pain au levain", prix: 580, quantite: 1 });
  assert.deepEqual(panier, panierExemple(), "le panier d'origine doit rester intact : renvoyez un nouveau tableau");
});

test("regrouperParCategorie range les noms par catégorie", () => {
  const groupes = regrouperParCategorie([
    { nom: "Baguette tradition", categorie: "pains" },
    { nom: "Croissant pur beurre", categorie: "viennoiseries" },
    { nom: "Pain au levain", categorie: "pains" },
  ]);
  assert.deepEqual(groupes, {
    pains: ["Baguette tradition", "Pain au levain"],
    viennoiseries: ["Croissant pur beurre"],
  }, "un objet : une clé par catégorie, le tableau des noms en valeur");
});
