module.exports = function slugifier(titre, separateur = "-") {
  return titre
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separateur)
    .replace(new RegExp(`^${separateur}+|${separateur}+$`, "g"), "");
};

module.exports.version = "1.0";
