// Style : asynchrone — await, promesse renvoyée par le test (.then), assert.rejects avec une classe,
// un objet et une fonction qui renvoie la promesse, assert.doesNotReject, setTimeout dans une promesse
// (durée mesurée), Promise.all côté test, rappel du test appelé après une attente, for await...of.
const test = require("node:test");
const assert = require("node:assert/strict");
const { attendre, chargerUtilisateur, diviserPlusTard, chargerTous, avecDelai, pages } = require("annuaire");

test("attendre renvoie une promesse", async () => {
  const promesse = attendre(5);
  assert.ok(promesse instanceof Promise, "attendre doit renvoyer une promesse");
  assert.equal(await promesse, 5);
});

test("attendre(50) attend vraiment 50 ms", async () => {
  const debut = Date.now();
  await attendre(50);
  assert.ok(Date.now() - debut >= 45, "utilisez setTimeout dans la promesse");
});

test("un test qui renvoie la promesse (.then)", () => {
  return chargerUtilisateur(2).then((utilisateur) => {
    assert.equal(utilisateur.nom, "Léo");
  });
});

test("un utilisateur inconnu rejette la promesse", async () => {
  await assert.rejects(chargerUtilisateur(99), Error);
  await assert.rejects(chargerUtilisateur(99), { message: "Utilisateur 99 introuvable" });
  await assert.rejects(() => chargerUtilisateur(42), /introuvable/);
});

test("un utilisateur connu ne rejette pas", async () => {
  await assert.doesNotReject(chargerUtilisateur(3));
  await assert.doesNotReject(() => chargerUtilisateur(1));
});

test("diviserPlusTard résout avec le quotient", async () => {
  assert.equal(await diviserPlusTard(10, 4), 2.5);
});

test("diviserPlusTard rejette une division par zéro avec une RangeError", async () => {
  await assert.rejects(diviserPlusTard(1, 0), RangeError);
  await assert.rejects(() => diviserPlusTard(1, 0), { name: "RangeError", message: /zéro/ });
});

test("try/catch autour d'un await", async () => {
  try {
    await chargerUtilisateur(7);
    assert.fail("la promesse aurait dû être rejetée");
  } catch (err) {
    assert.ok(err instanceof Error);
    assert.match(err.message, /7/);
  }
});

test("chargerTous garde l'ordre", async () => {
  const utilisateurs = await chargerTous([3, 1]);
  assert.deepStrictEqual(utilisateurs.map((u) => u.nom), ["Inès", "Awa"]);
});

test("Promise.all côté test sur plusieurs appels", async () => {
  const [a, b] = await Promise.all([chargerUtilisateur(1), diviserPlusTard(6, 3)]);
  assert.equal(a.nom, "Awa");
  assert.equal(b, 2);
});

test("avecDelai appelle la fonction du test après l'attente", async () => {
  let appels = 0;
  const resultat = await avecDelai(() => {
    appels += 1;
    return "fait";
  }, 10);
  assert.equal(resultat, "fait");
  assert.equal(appels, 1, "la fonction est appelée une seule fois");
});

test("pages est un générateur asynchrone (for await...of)", async () => {
  const lues = [];
  for await (const page of pages(3)) lues.push(page);
  assert.deepStrictEqual(lues, ["page 1", "page 2", "page 3"]);
});
