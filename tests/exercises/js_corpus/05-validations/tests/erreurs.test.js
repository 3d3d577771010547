// Style : erreurs — assert.throws avec une classe, une expression régulière, un objet { name, message },
// une fonction de validation ; try/catch avec assert.fail ; classe d'erreur de l'apprenant
// (instanceof, champ personnalisé) ; erreur avec `cause` (ES2022).
const test = require("node:test");
const assert = require("node:assert/strict");
const { verifierAge, diviser, lireNote, validerUtilisateur, lireConfiguration, ErreurValidation } = require("validation");

test("un âge trop grand lève une RangeError qui cite l'âge", () => {
  assert.throws(() => verifierAge(200), RangeError);
  assert.throws(() => verifierAge(200), /200/);
});

test("un âge qui n'est pas un nombre lève une TypeError", () => {
  assert.throws(() => verifierAge("12"), { name: "TypeError", message: "L'âge doit être un nombre" });
  assert.throws(() => verifierAge(NaN), TypeError);
});

test("diviser par zéro lève une erreur qui le dit", () => {
  assert.throws(() => diviser(1, 0), /zéro/);
  assert.throws(() => diviser(1, 0), { message: /^Division par zéro/ });
  assert.equal(diviser(9, 3), 3);
});

test("lireNote lit « 12/20 » et « 13,5 / 20 »", () => {
  assert.equal(lireNote("12/20"), 12);
  assert.equal(lireNote("13,5 / 20"), 13.5);
});

test("lireNote refuse un texte mal formé", () => {
  assert.throws(
    () => lireNote("douze"),
    (err) => {
      assert.ok(err instanceof SyntaxError, "une SyntaxError est attendue");
      assert.match(err.message, /douze/, "le message cite le texte reçu");
      return true;
    },
  );
});

test("un e-mail sans @ lève une ErreurValidation sur le champ email", () => {
  try {
    validerUtilisateur({ nom: "Awa", email: "awa.exemple.fr" });
    assert.fail("une ErreurValidation était attendue");
  } catch (err) {
    assert.ok(err instanceof ErreurValidation, `ErreurValidation attendue, reçu ${err.name}`);
    assert.ok(err instanceof Error, "ErreurValidation hérite de Error");
    assert.equal(err.champ, "email");
    assert.equal(err.name, "ErreurValidation");
  }
});

test("un nom vide lève une ErreurValidation", () => {
  assert.throws(() => validerUtilisateur({ nom: "  ", email: "a@b.fr" }), ErreurValidation);
  assert.throws(() => validerUtilisateur({ nom: "", email: "a@b.fr" }), { name: "ErreurValidation", champ: "nom" });
  assert.doesNotThrow(() => validerUtilisateur({ nom: "Awa", email: "awa@exemple.fr" }));
});

test("un JSON invalide lève une erreur dont la cause est la SyntaxError", () => {
  assert.deepStrictEqual(lireConfiguration('{"theme": "sombre"}'), { theme: "sombre" });
  assert.throws(() => lireConfiguration("{theme: sombre}"), (err) => {
    assert.equal(err.message, "Configuration invalide");
    assert.ok(err.cause instanceof SyntaxError, "la cause est l'erreur de JSON.parse");
    return true;
  });
});
