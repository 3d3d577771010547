const ANNUAIRE = { 1: "Awa", 2: "Léo", 3: "Inès" };

function attendre(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(ms), ms));
}

async function chargerUtilisateur(id) {
  await attendre(10);
  if (!(id in ANNUAIRE)) throw new Error(`Utilisateur ${id} introuvable`);
  return { id, nom: ANNUAIRE[id] };
}

function diviserPlusTard(a, b) {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      if (b === 0) reject(new RangeError("Division par zéro"));
      else resolve(a / b);
    }, 5);
  });
}

async function chargerTous(ids) {
  return Promise.all(ids.map(chargerUtilisateur));
}

async function avecDelai(fonction, ms) {
  await attendre(ms);
  return fonction();
}

async function* pages(n) {
  for (let i = 1; i <= n; i += 1) {
    await attendre(1);
    yield `page ${i}`;
  }
}

module.exports = { attendre, chargerUtilisateur, diviserPlusTard, chargerTous, avecDelai, pages };
