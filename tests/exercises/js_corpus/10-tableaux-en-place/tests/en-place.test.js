// Style : modifications sur place et identité — le test vérifie son propre tableau/objet après l'appel
// (push, sort, splice, propriété ajoutée, tableau imbriqué dont le test garde la référence), l'objet
// renvoyé est l'un de ceux passés (assert.equal en mode strict = identité), entrée gelée (Object.freeze)
// qui ne doit pas être modifiée, fermeture qui garde la référence du tableau du test.
const test = require("node:test");
const assert = require("node:assert/strict");
const c = require("classe");

function nouvelleClasse() {
  return [
    { nom: "Awa", notes: [12, 14] },
    { nom: "Léo", notes: [9, 11] },
    { nom: "Inès", notes: [17, 15] },
  ];
}

test("ajouterEleve ajoute au tableau du test", () => {
  const eleves = nouvelleClasse();
  const retour = c.ajouterEleve(eleves, "Zoé");
  assert.equal(retour, undefined, "ajouterEleve modifie le tableau, elle ne renvoie rien");
  assert.equal(eleves.length, 4);
  assert.deepStrictEqual(eleves[3], { nom: "Zoé", notes: [] });
});

test("ajouterNote modifie le tableau de notes de l'élève (même tableau)", () => {
  const eleve = { nom: "Awa", notes: [12] };
  const notes = eleve.notes;
  c.ajouterNote(eleve, 16);
  assert.deepStrictEqual(eleve.notes, [12, 16]);
  assert.strictEqual(eleve.notes, notes, "le même tableau, complété (push)");
});

test("trierParMoyenne trie le tableau du test sur place", () => {
  const eleves = nouvelleClasse();
  const [awa, leo, ines] = eleves;
  c.trierParMoyenne(eleves);
  assert.deepStrictEqual(eleves.map((e) => e.nom), ["Inès", "Awa", "Léo"]);
  assert.strictEqual(eleves[0], ines, "les mêmes objets élèves, dans un autre ordre");
  assert.strictEqual(eleves[1], awa);
  assert.strictEqual(eleves[2], leo);
});

test("marquerAbsent ajoute une propriété à l'objet du test", () => {
  const eleve = { nom: "Léo", notes: [] };
  c.marquerAbsent(eleve);
  assert.equal(eleve.absent, true);
});

test("completer modifie l'objet reçu et le renvoie", () => {
  const options = { couleur: "rouge" };
  const resultat = c.completer(options);
  assert.strictEqual(resultat, options, "completer renvoie l'objet reçu lui-même");
  assert.deepStrictEqual(options, { couleur: "rouge", taille: 12 });
});

test("meilleur renvoie l'objet élève lui-même", () => {
  const eleves = nouvelleClasse();
  assert.equal(c.meilleur(eleves), eleves[2], "l'objet du tableau, pas une copie");
  c.meilleur(eleves).notes.push(20);
  assert.deepStrictEqual(eleves[2].notes, [17, 15, 20]);
});

test("trierCopie ne modifie pas un tableau gelé", () => {
  const notes = Object.freeze([12, 8, 15]);
  let triees;
  assert.doesNotThrow(() => {
    triees = c.trierCopie(notes);
  }, "trierCopie ne doit pas modifier le tableau reçu");
  assert.deepStrictEqual(triees, [8, 12, 15]);
  assert.notStrictEqual(triees, notes);
  assert.deepStrictEqual(notes, [12, 8, 15]);
});

test("retirer enlève sur place et compte", () => {
  const valeurs = [1, 2, 1, 3, 1];
  assert.equal(c.retirer(valeurs, 1), 3);
  assert.deepStrictEqual(valeurs, [2, 3]);
});

test("la fonction de journaliser écrit dans le tableau du test", () => {
  const journal = [];
  const noter = c.journaliser(journal);
  noter("début");
  noter("fin");
  assert.deepStrictEqual(journal, ["début", "fin"]);
});
