function ajouterEleve(eleves, nom) {
  return [...eleves, { nom, notes: [] }];
}

function ajouterNote(eleve, note) {
  eleve.notes = [...eleve.notes, note];
}

function trierParMoyenne(eleves) {
  return eleves;
}

function marquerAbsent(eleve) {
  return { ...eleve, absent: true };
}

function completer(options) {
  return { couleur: "bleu", taille: 12, ...options };
}

function meilleur(eleves) {
  return { ...eleves[0] };
}

function trierCopie(notes) {
  return notes.sort((a, b) => a - b);
}

function retirer(tableau, valeur) {
  return tableau.filter((x) => x !== valeur);
}

function journaliser(journal) {
  return (message) => {
    journal = [...journal, message];
  };
}

module.exports = {
  ajouterEleve, ajouterNote, trierParMoyenne, marquerAbsent, completer, meilleur, trierCopie, retirer, journaliser,
};
