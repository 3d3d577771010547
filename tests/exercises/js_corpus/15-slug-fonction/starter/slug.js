module.exports = function slugifier(titre, separateur = "-") {
  return titre.toLowerCase().replace(/ /g, separateur);
};
