const formulaire = document.querySelector("#inscription");
const nom = document.querySelector("#nom");
const email = document.querySelector("#email");
const erreurNom = document.querySelector("#erreur-nom");
const erreurEmail = document.querySelector("#erreur-email");
const confirmation = document.querySelector("#confirmation");

// Déjà écrite : true si le texte ressemble à une adresse e-mail (quelque chose@domaine.extension).
function estEmailValide(texte) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(texte);
}

formulaire.addEventListener("submit", (event) => {
  // À compléter : empêcher l'envoi, vérifier les champs, afficher les erreurs
  // ou la confirmation.
});
