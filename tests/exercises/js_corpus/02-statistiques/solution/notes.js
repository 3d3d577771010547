exports.moyenne = function (notes) {
  if (notes.length === 0) return 0;
  return notes.reduce((somme, note) => somme + note, 0) / notes.length;
};

exports.statistiques = (notes) => ({
  min: Math.min(...notes),
  max: Math.max(...notes),
  moyenne: exports.moyenne(notes),
});

exports.notesAuDessus = (notes, seuil) => notes.filter((note) => note >= seuil);

exports.sansDoublons = (valeurs) => [...new Set(valeurs)].sort((a, b) => a - b);

exports.intervalle = (debut, fin) => Array.from({ length: fin - debut + 1 }, (_, i) => debut + i);

exports.bulletin = (eleves) => {
  const resultat = {};
  for (const { nom, notes } of eleves) resultat[nom] = Math.round(exports.moyenne(notes) * 10) / 10;
  return resultat;
};
