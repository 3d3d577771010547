const ANNUAIRE = { 1: "Awa", 2: "Léo", 3: "Inès" };

function attendre(ms) {
  return Promise.resolve(ms);
}

async function chargerUtilisateur(id) {
  return { id, nom: ANNUAIRE[id] };
}

function diviserPlusTard(a, b) {
  return Promise.resolve(a / b);
}

async function chargerTous(ids) {
  return [];
}

async function avecDelai(fonction, ms) {
  return undefined;
}

async function* pages(n) {
  yield "page 1";
}

module.exports = { attendre, chargerUtilisateur, diviserPlusTard, chargerTous, avecDelai, pages };
