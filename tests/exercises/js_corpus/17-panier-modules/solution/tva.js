exports.TAUX = 0.2;

exports.ttc = (prixHT) => Math.round(prixHT * (1 + exports.TAUX) * 100) / 100;
