const arrondir = (x) => Math.round(x * 10) / 10;

const versFahrenheit = (celsius) => arrondir((celsius * 9) / 5 + 32);
const versCelsius = (fahrenheit) => arrondir(((fahrenheit - 32) * 5) / 9);

function decrire(celsius) {
  if (celsius < 0) return "glacial";
  if (celsius < 15) return "froid";
  if (celsius < 25) return "doux";
  return "chaud";
}

module.exports = { versFahrenheit, versCelsius, decrire };
