// Les éléments de la page dont on a besoin.
const champ = document.querySelector("#avis");
const compteur = document.querySelector("#compteur");
const bouton = document.querySelector("#publier");

// Le nombre de caractères permis.
const MAX = 140;

// À compléter : à chaque saisie dans le champ (événement "input"),
// mettez à jour le compteur, sa classe "depasse" et le bouton.
