// Style : rappels asynchrones à la Node — test avec `done` (rappel appelé plus tard par setTimeout),
// util.promisify de la fonction de l'apprenant, promesse construite par le test autour du rappel.
const test = require("node:test");
const assert = require("node:assert/strict");
const util = require("node:util");
const { lireNote, lireNotes } = require("carnet");

test("lireNote appelle le rappel avec la note (done)", (t, done) => {
  lireNote("Awa", (erreur, note) => {
    assert.equal(erreur, null);
    assert.equal(note, 15);
    done();
  });
});

test("le rappel est appelé plus tard, pas tout de suite", (t, done) => {
  let appele = false;
  lireNote("Léo", () => {
    appele = true;
    done();
  });
  assert.equal(appele, false, "le rappel doit être asynchrone (setTimeout)");
});

test("un élève inconnu donne une erreur au rappel", (t, done) => {
  lireNote("Zoé", (erreur, note) => {
    assert.ok(erreur instanceof Error);
    assert.match(erreur.message, /Zoé/);
    assert.equal(note, undefined);
    done();
  });
});

test("util.promisify(lireNote)", async () => {
  const lireNoteAsync = util.promisify(lireNote);
  assert.equal(await lireNoteAsync("Léo"), 12);
  await assert.rejects(lireNoteAsync("Zoé"), /inconnu/);
});

test("lireNotes enchaîne les lectures (promesse faite par le test)", async () => {
  const notes = await new Promise((resolve, reject) => {
    lireNotes(["Léo", "Awa"], (erreur, resultat) => (erreur ? reject(erreur) : resolve(resultat)));
  });
  assert.deepStrictEqual(notes, [12, 15]);
});
