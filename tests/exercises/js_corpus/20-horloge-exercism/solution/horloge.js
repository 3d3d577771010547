const JOURNEE = 24 * 60;

class Horloge {
  #minutes;

  constructor(heures, minutes = 0) {
    this.#minutes = (((heures * 60 + minutes) % JOURNEE) + JOURNEE) % JOURNEE;
  }

  get minutesDepuisMinuit() {
    return this.#minutes;
  }

  toString() {
    const heures = String(Math.floor(this.#minutes / 60)).padStart(2, "0");
    const minutes = String(this.#minutes % 60).padStart(2, "0");
    return `${heures}:${minutes}`;
  }

  plus(minutes) {
    return new Horloge(0, this.#minutes + minutes);
  }

  moins(minutes) {
    return this.plus(-minutes);
  }

  avancer(minutes) {
    this.#minutes = new Horloge(0, this.#minutes + minutes).minutesDepuisMinuit;
    return this;
  }

  equals(autre) {
    return autre instanceof Horloge && autre.minutesDepuisMinuit === this.#minutes;
  }
}

module.exports = { Horloge };
