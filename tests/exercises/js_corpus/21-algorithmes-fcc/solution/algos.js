const ROMAINS = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

function romain(n) {
  let resultat = "";
  for (const [valeur, symbole] of ROMAINS) {
    while (n >= valeur) {
      resultat += symbole;
      n -= valeur;
    }
  }
  return resultat;
}

function cesar(texte, decalage = 13) {
  return texte.replace(/[A-Z]/g, (lettre) => String.fromCharCode(((lettre.charCodeAt(0) - 65 + decalage) % 26 + 26) % 26 + 65));
}

function telephoneValide(texte) {
  return /^(?:0|\+33 ?)[1-9](?:([ .]?)\d{2})(?:\1\d{2}){3}$/.test(texte);
}

function sommeEntre([a, b]) {
  const [min, max] = a < b ? [a, b] : [b, a];
  return ((max - min + 1) * (min + max)) / 2;
}

module.exports = { romain, cesar, telephoneValide, sommeEntre };
