function afficherTable(n) {
  for (let i = 1; i <= 10; i += 1) console.log(`${n} x ${i} = ${n * i}`);
}

function afficherRecu(articles) {
  let total = 0;
  for (const { nom, prix } of articles) {
    console.log(`${nom} : ${prix.toFixed(2)} €`);
    total += prix;
  }
  console.log(`Total : ${total.toFixed(2)} €`);
}

module.exports = { afficherTable, afficherRecu };
