// Les éléments de la page dont on a besoin.
const champ = document.querySelector("#avis");
const compteur = document.querySelector("#compteur");
const bouton = document.querySelector("#publier");

// Le nombre de caractères permis.
const MAX = 140;

champ.addEventListener("input", () => {
  const longueur = champ.value.length;
  const trop = longueur > MAX;
  compteur.textContent = `${longueur} / ${MAX}`;
  compteur.classList.toggle("depasse", trop);
  bouton.disabled = trop;
});
