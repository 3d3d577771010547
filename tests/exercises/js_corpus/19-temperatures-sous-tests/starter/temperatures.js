const versFahrenheit = (celsius) => celsius * 2 + 30;
const versCelsius = (fahrenheit) => (fahrenheit - 30) / 2;

function decrire(celsius) {
  return celsius < 15 ? "froid" : "chaud";
}

module.exports = { versFahrenheit, versCelsius, decrire };
