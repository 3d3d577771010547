function afficherTable(n) {
  return `${n} x 1 = ${n}`;
}

function afficherRecu(articles) {
  for (const { nom, prix } of articles) console.log(nom, prix);
}

module.exports = { afficherTable, afficherRecu };
