const moyenne = (notes) => (notes.length ? notes.reduce((a, b) => a + b, 0) / notes.length : 0);

function ajouterEleve(eleves, nom) {
  eleves.push({ nom, notes: [] });
}

function ajouterNote(eleve, note) {
  eleve.notes.push(note);
}

function trierParMoyenne(eleves) {
  eleves.sort((a, b) => moyenne(b.notes) - moyenne(a.notes));
}

function marquerAbsent(eleve) {
  eleve.absent = true;
}

function completer(options) {
  const defauts = { couleur: "bleu", taille: 12 };
  for (const [cle, valeur] of Object.entries(defauts)) {
    if (!(cle in options)) options[cle] = valeur;
  }
  return options;
}

function meilleur(eleves) {
  let champion = eleves[0];
  for (const eleve of eleves) if (moyenne(eleve.notes) > moyenne(champion.notes)) champion = eleve;
  return champion;
}

function trierCopie(notes) {
  return [...notes].sort((a, b) => a - b);
}

function retirer(tableau, valeur) {
  let retirees = 0;
  for (let i = tableau.length - 1; i >= 0; i -= 1) {
    if (tableau[i] === valeur) {
      tableau.splice(i, 1);
      retirees += 1;
    }
  }
  return retirees;
}

function journaliser(journal) {
  return (message) => {
    journal.push(message);
  };
}

module.exports = {
  ajouterEleve, ajouterNote, trierParMoyenne, marquerAbsent, completer, meilleur, trierCopie, retirer, journaliser,
};
