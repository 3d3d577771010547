class Horloge {
  constructor(heures, minutes = 0) {
    this.heures = heures;
    this.minutes = minutes;
  }

  get minutesDepuisMinuit() {
    return this.heures * 60 + this.minutes;
  }

  toString() {
    return `${this.heures}:${this.minutes}`;
  }

  plus(minutes) {
    this.minutes += minutes;
    return this;
  }

  moins(minutes) {
    this.minutes -= minutes;
    return this;
  }

  avancer(minutes) {
    this.minutes += minutes;
  }

  equals(autre) {
    return this === autre;
  }
}

module.exports = { Horloge };
