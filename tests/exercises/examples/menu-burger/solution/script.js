const bouton = document.querySelector("#bouton-menu");
const menu = document.querySelector("#menu");
bouton.addEventListener("click", () => {
  const ouvert = menu.classList.toggle("ouvert");
  bouton.setAttribute("aria-expanded", String(ouvert));
});
