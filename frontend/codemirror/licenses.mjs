// Writes the licence notices of every npm package that ends up in a bundle,
// from esbuild's metafile (node licenses.mjs meta.json [more-meta.json …] > LICENSE.txt).
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";

const packages = new Map(); // directory → name
for (const file of process.argv.slice(2)) {
  const meta = JSON.parse(readFileSync(file, "utf8"));
  // Inputs of the outputs, not meta.inputs: a module tree-shaken to nothing is not shipped.
  const shipped = Object.values(meta.outputs).flatMap(output =>
    Object.entries(output.inputs).filter(([, info]) => info.bytesInOutput > 0).map(([path]) => path));
  for (const input of shipped) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (match) packages.set(match[1], match[2]);
  }
}
const out = [
  "Third-party software bundled in this file. All of it is under the MIT License;",
  "each package's notice follows, as shipped in its npm package.",
  "",
];
for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licenceFile = readdirSync(dir).find(f => /^licen[cs]e/i.test(f));
  if (!licenceFile) throw new Error(`no licence file in ${dir}`);
  out.push("=".repeat(72), `${name}@${pkg.version} (${pkg.license})`, "=".repeat(72),
    readFileSync(join(dir, licenceFile), "utf8").trim(), "");
}
process.stdout.write(out.join("\n"));
