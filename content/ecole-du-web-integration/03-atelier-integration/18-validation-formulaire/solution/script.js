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

// Affiche (ou efface, avec "") le message d'erreur d'un champ.
function afficherErreur(champ, zone, message) {
  zone.textContent = message;
  champ.setAttribute("aria-invalid", message ? "true" : "false");
}

formulaire.addEventListener("submit", (event) => {
  event.preventDefault();
  confirmation.textContent = "";

  const valeurNom = nom.value.trim();
  const valeurEmail = email.value.trim();

  let messageNom = "";
  if (valeurNom === "") {
    messageNom = "Le nom est obligatoire.";
  }

  let messageEmail = "";
  if (valeurEmail === "") {
    messageEmail = "L'adresse e-mail est obligatoire.";
  } else if (!estEmailValide(valeurEmail)) {
    messageEmail = "L'adresse e-mail n'est pas valide (exemple : nom@domaine.fr).";
  }

  afficherErreur(nom, erreurNom, messageNom);
  afficherErreur(email, erreurEmail, messageEmail);

  if (messageNom) {
    nom.focus();
  } else if (messageEmail) {
    email.focus();
  } else {
    confirmation.textContent = `Merci ${valeurNom}, votre inscription est enregistrée.`;
  }
});
