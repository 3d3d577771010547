const CARNET = { Awa: 15, Léo: 12 };

function lireNote(eleve, callback) {
  setTimeout(() => {
    if (eleve in CARNET) callback(null, CARNET[eleve]);
    else callback(new Error(`Élève inconnu : ${eleve}`));
  }, 10);
}

function lireNotes(eleves, callback) {
  const notes = [];
  const suivant = (index) => {
    if (index === eleves.length) return callback(null, notes);
    lireNote(eleves[index], (erreur, note) => {
      if (erreur) return callback(erreur);
      notes.push(note);
      suivant(index + 1);
    });
  };
  suivant(0);
}

module.exports = { lireNote, lireNotes };
