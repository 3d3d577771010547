class ErreurValidation extends Error {
  constructor(champ, message) {
    super(message);
    this.name = "ErreurValidation";
    this.champ = champ;
  }
}

function verifierAge(age) {
  if (typeof age !== "number" || Number.isNaN(age)) throw new TypeError("L'âge doit être un nombre");
  if (age < 0 || age > 150) throw new RangeError(`L'âge doit être compris entre 0 et 150 (reçu : ${age})`);
  return true;
}

function diviser(a, b) {
  if (b === 0) throw new Error("Division par zéro impossible");
  return a / b;
}

function lireNote(texte) {
  const trouve = /^\s*(\d+(?:[.,]\d+)?)\s*\/\s*20\s*$/.exec(texte);
  if (!trouve) throw new SyntaxError(`Note mal formée : « ${texte} »`);
  return Number(trouve[1].replace(",", "."));
}

function validerUtilisateur({ nom, email }) {
  if (!nom || !nom.trim()) throw new ErreurValidation("nom", "Le nom est obligatoire");
  if (!email || !email.includes("@")) throw new ErreurValidation("email", "L'adresse e-mail est invalide");
  return true;
}

function lireConfiguration(json) {
  try {
    return JSON.parse(json);
  } catch (cause) {
    throw new Error("Configuration invalide", { cause });
  }
}

module.exports = { verifierAge, diviser, lireNote, validerUtilisateur, lireConfiguration, ErreurValidation };
