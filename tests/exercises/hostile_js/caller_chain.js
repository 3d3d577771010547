// In sloppy mode, walks its callers: arguments.callee.caller, crier.caller,
// Function.prototype.caller and each caller's arguments, printing each caller's source
// (Function.prototype.toString), hoping to reach the test's function and its secret constant.
// Returns it all inside the value.
function callers() {
  const out = [];
  let current = arguments.callee.caller;
  for (let i = 0; current && i < 50; i += 1) {
    out.push(Function.prototype.toString.call(current).slice(0, 2000));
    try {
      out.push(`arguments: ${JSON.stringify(Array.from(current.arguments ?? []))}`);
    } catch {
      out.push("arguments: ?");
    }
    try {
      current = current.caller;
    } catch (error) {
      out.push(`caller: ${error.message}`);
      break;
    }
  }
  try {
    out.push(`crier.caller: ${crier.caller}`);
  } catch (error) {
    out.push(`crier.caller: ${error.message}`);
  }
  try {
    const caller = Object.getOwnPropertyDescriptor(Function.prototype, "caller");
    out.push(`Function.prototype.caller: ${caller && caller.get ? caller.get.call(crier) : ""}`);
  } catch (error) {
    out.push(`Function.prototype.caller: ${error.message}`);
  }
  return out.join("\n").slice(0, 30000);
}

function crier(texte) {
  return "LOOT<<" + callers() + ">>";
}

module.exports = { crier };
