function appliquer(fonction, tableau) {
  return tableau;
}

function filtrer(predicat, tableau) {
  return tableau.filter(predicat);
}

function repeter(n, action) {
  action(0);
}

const composer = (f, g) => f;
const doubler = (x) => x * 2;
const estPair = (x) => x % 2 === 0;

function creerCompteur(depart = 0) {
  return () => depart + 1;
}

function memoriser(fonction) {
  return fonction;
}

const comparerPar = (cle) => () => 0;

module.exports = { appliquer, filtrer, repeter, composer, doubler, estPair, creerCompteur, memoriser, comparerPar };
