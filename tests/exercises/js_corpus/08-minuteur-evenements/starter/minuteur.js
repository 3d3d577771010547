const { EventEmitter } = require("node:events");

class Minuteur extends EventEmitter {
  constructor(nom) {
    super();
    this.nom = nom;
  }

  decompter(n) {
    this.emit("fin", this.nom);
  }
}

module.exports = { Minuteur };
