// Style : test async avec await sur une fonction async de l'apprenant.
const test = require("node:test");
const assert = require("node:assert/strict");
const { chargerUtilisateur } = require("annuaire");

test("chargerUtilisateur(1) donne Awa", async () => {
  const utilisateur = await chargerUtilisateur(1);
  assert.deepStrictEqual(utilisateur, { id: 1, nom: "Awa" });
});
