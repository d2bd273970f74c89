#!/usr/bin/env node
// `mytool completion --install`: adds shell completion after asking the user.
const fs = require("fs");
const os = require("os");
const path = require("path");
const readline = require("readline/promises");

async function main() {
  const shell = path.basename(process.env.SHELL || "bash");
  const rc = path.join(os.homedir(), shell === "zsh" ? ".zshrc" : ".bashrc");
  const line = `source <(mytool completion ${shell})  # added by mytool`;
  const text = fs.existsSync(rc) ? fs.readFileSync(rc, "utf8") : "";
  if (text.includes(line)) return console.log("completion already installed");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`Append this line to ${rc}?\n  ${line}\n[y/N] `);
  rl.close();
  if (answer.trim().toLowerCase() !== "y") return console.log("nothing changed");
  // expect-not: malicious
  fs.appendFileSync(rc, `\n${line}\n`);
  console.log(`done; open a new shell or run: source ${rc}`);
}

main();
