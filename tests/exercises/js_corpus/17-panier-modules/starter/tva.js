exports.TAUX = 0.2;

exports.ttc = (prixHT) => prixHT;
