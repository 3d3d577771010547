const bouton = document.querySelector("#bouton-menu");
const menu = document.querySelector("#menu");

// À compléter :
// - au clic sur le bouton, ouvrir ou fermer le menu (classe "ouvert" et aria-expanded) ;
// - la touche Échap ferme le menu et remet le focus sur le bouton.
