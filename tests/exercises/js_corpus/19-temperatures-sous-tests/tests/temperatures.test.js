// Style : sous-tests (t.test, attendus avec await) dans un test parent ; test.skip, it.skip,
// { skip: "raison" } et test.todo : ni réussis ni ratés, ils ne doivent pas compter comme des échecs.
const { test, describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { versFahrenheit, versCelsius, decrire } = require("temperatures");

test("conversions vers Fahrenheit", async (t) => {
  await t.test("0 °C vaut 32 °F", () => {
    assert.equal(versFahrenheit(0), 32);
  });
  await t.test("100 °C vaut 212 °F", () => {
    assert.equal(versFahrenheit(100), 212);
  });
  await t.test("-40 °C vaut -40 °F", () => {
    assert.equal(versFahrenheit(-40), -40);
  });
});

test("conversions vers Celsius", async (t) => {
  for (const [fahrenheit, celsius] of [[32, 0], [212, 100], [98.6, 37]]) {
    await t.test(`${fahrenheit} °F vaut ${celsius} °C`, () => {
      assert.equal(versCelsius(fahrenheit), celsius);
    });
  }
});

test.skip("conversion en kelvins (prochain exercice)", () => {
  assert.fail("pas encore écrit");
});

test("arrondi au dixième", { skip: "sera noté plus tard" }, () => {
  assert.equal(versCelsius(50), 10);
});

test.todo("températures sous le zéro absolu");

describe("decrire", () => {
  it("sous zéro, c'est glacial", () => {
    assert.equal(decrire(-5), "glacial");
  });

  it("20 °C, c'est doux", () => {
    assert.equal(decrire(20), "doux");
  });

  it.skip("les limites exactes (bonus)", () => {
    assert.equal(decrire(15), "doux");
  });
});
