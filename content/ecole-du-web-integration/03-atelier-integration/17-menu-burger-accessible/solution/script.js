const bouton = document.querySelector("#bouton-menu");
const menu = document.querySelector("#menu");

function basculer(ouvert) {
  menu.classList.toggle("ouvert", ouvert);
  bouton.setAttribute("aria-expanded", String(ouvert));
}

bouton.addEventListener("click", () => {
  basculer(bouton.getAttribute("aria-expanded") !== "true");
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && menu.classList.contains("ouvert")) {
    basculer(false);
    bouton.focus();
  }
});
