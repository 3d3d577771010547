const formulaire = document.querySelector("#ajout");
const champ = document.querySelector("#nouvelle-tache");
const erreur = document.querySelector("#erreur");
const liste = document.querySelector("#taches");
const nombre = document.querySelector("#nombre");

// Déjà écrite : écrit le nombre de tâches de la liste dans le titre.
function mettreAJourNombre() {
  nombre.textContent = liste.querySelectorAll("li").length;
}

formulaire.addEventListener("submit", (event) => {
  event.preventDefault();
  const texte = champ.value.trim();

  if (texte === "") {
    erreur.textContent = "Écrivez une tâche avant de l'ajouter.";
    champ.focus();
    return;
  }

  const tache = document.createElement("li");
  tache.textContent = texte; // textContent : le texte reste du texte, jamais du HTML
  liste.append(tache);

  champ.value = "";
  champ.focus();
  erreur.textContent = "";
  mettreAJourNombre();
});
