const test = require("node:test");
const assert = require("node:assert/strict");
const { totalPanier, ajouterArticle, regrouperParCategorie } = require("panier");

function geler(panier) {
  return Object.freeze(panier.map((ligne) => Object.freeze({ ...ligne })));
}

test("totalPanier d'un panier vide vaut 0", () => {
  assert.equal(totalPanier([]), 0);
});

test("totalPanier d'une seule ligne", () => {
  assert.equal(totalPanier([{ nom: "Tarte aux pralines", prix: 1650, quantite: 1 }]), 1650);
});

test("totalPanier reste exact en centimes", () => {
  const panier = [
    { nom: "Chouquette", prix: 15, quantite: 20 },
    { nom: "Pain aux céréales", prix: 340, quantite: 3 },
    { nom: "Brioche de Saint-Genix", prix: 990, quantite: 1 },
  ];
  assert.equal(totalPanier(panier), 2310);
});

test("ajouterArticle dans un panier vide", () => {
  assert.deepEqual(ajouterArticle([], { nom: "Chouquette", prix: 15, quantite: 10 }), [{ nom: "Chouquette", prix: 15, quantite: 10 }]);
});

test("ajouterArticle renvoie un nouveau tableau, sans toucher aux lignes reçues", () => {
  const panier = geler([
    { nom: "Chouquette", prix: 15, quantite: 10 },
    { nom: "Baguette tradition", prix: 130, quantite: 1 },
  ]);
  const nouveau = ajouterArticle(panier, { nom: "Chouquette", prix: 15, quantite: 5 });
  assert.notEqual(nouveau, panier);
  assert.deepEqual(nouveau, [
    { nom: "Chouquette", prix: 15, quantite: 15 },
    { nom: "Baguette tradition", prix: 130, quantite: 1 },
  ]);
  assert.equal(panier[0].quantite, 10);
});

test("ajouterArticle n'utilise pas l'objet article reçu comme ligne modifiable", () => {
  const article = { nom: "Croissant pur beurre", prix: 120, quantite: 2 };
  const premier = ajouterArticle([], article);
  const second = ajouterArticle(premier, { nom: "Croissant pur beurre", prix: 120, quantite: 1 });
  assert.equal(second[0].quantite, 3);
  assert.equal(article.quantite, 2, "l'article reçu n'est pas modifié");
  assert.equal(premier[0].quantite, 2, "le premier panier n'est pas modifié");
});

test("regrouperParCategorie d'une liste vide", () => {
  assert.deepEqual(regrouperParCategorie([]), {});
});

test("regrouperParCategorie garde l'ordre des produits", () => {
  const produits = [
    { nom: "Éclair au café", categorie: "pâtisseries" },
    { nom: "Pain au chocolat", categorie: "viennoiseries" },
    { nom: "Tarte aux pralines", categorie: "pâtisseries" },
    { nom: "Flan", categorie: "pâtisseries" },
  ];
  assert.deepEqual(regrouperParCategorie(produits), {
    "pâtisseries": ["Éclair au café", "Tarte aux pralines", "Flan"],
    viennoiseries: ["Pain au chocolat"],
  });
});
