const formulaire = document.querySelector("#ajout");
const champ = document.querySelector("#nouvelle-tache");
const erreur = document.querySelector("#erreur");
const liste = document.querySelector("#taches");
const nombre = document.querySelector("#nombre");

// Déjà écrite : écrit le nombre de tâches de la liste dans le titre.
function mettreAJourNombre() {
  nombre.textContent = liste.querySelectorAll("li").length;
}

// À compléter : à l'envoi du formulaire, ajouter la tâche à la liste
// (ou afficher l'erreur si le champ est vide).
