function appliquer(fonction, tableau) {
  const resultat = [];
  for (const element of tableau) resultat.push(fonction(element));
  return resultat;
}

function filtrer(predicat, tableau) {
  const resultat = [];
  tableau.forEach((element, index) => {
    if (predicat(element, index)) resultat.push(element);
  });
  return resultat;
}

function repeter(n, action) {
  for (let i = 0; i < n; i += 1) action(i);
}

const composer = (f, g) => (x) => f(g(x));
const doubler = (x) => x * 2;
const estPair = (x) => x % 2 === 0;

function creerCompteur(depart = 0) {
  let compte = depart;
  return () => {
    compte += 1;
    return compte;
  };
}

function memoriser(fonction) {
  const cache = new Map();
  return (argument) => {
    if (!cache.has(argument)) cache.set(argument, fonction(argument));
    return cache.get(argument);
  };
}

const comparerPar = (cle) => (a, b) => (a[cle] < b[cle] ? -1 : a[cle] > b[cle] ? 1 : 0);

module.exports = { appliquer, filtrer, repeter, composer, doubler, estPair, creerCompteur, memoriser, comparerPar };
