const { EventEmitter } = require("node:events");

class Minuteur extends EventEmitter {
  constructor(nom) {
    super();
    this.nom = nom;
  }

  decompter(n) {
    if (n < 0) {
      this.emit("error", new RangeError("Le décompte doit être positif"));
      return this;
    }
    for (let i = n; i >= 1; i -= 1) this.emit("tic", i);
    this.emit("fin", this.nom);
    return this;
  }
}

module.exports = { Minuteur };
