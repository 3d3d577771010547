exports.moyenne = function (notes) {
  let somme = 0;
  for (const note of notes) somme += note;
  return somme / notes.length;
};

exports.statistiques = (notes) => ({ min: 0, max: 0, moyenne: 0 });

exports.notesAuDessus = (notes, seuil) => notes;

exports.sansDoublons = (valeurs) => valeurs;

exports.intervalle = (debut, fin) => [];

exports.bulletin = (eleves) => ({});
