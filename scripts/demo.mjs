// Imports the bundled sample into a fresh database and triages the example questions, using the
// compiled CLI exactly as a user would run it.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli', 'main.js');
const db = path.join(root, 'casebook-demo.db');
const sample = path.join(root, 'data', 'samples', 'support-records-part14.md');
const questions = readFileSync(path.join(root, 'data', 'samples', 'example-questions.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

function casebook(...args) {
  console.log(
    `\n$ casebook ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`,
  );
  const result = spawnSync(process.execPath, [cli, '--db', db, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
casebook('import', sample);
for (const question of questions) casebook('triage', question);
console.log(
  `\nThe database is ${path.relative(process.cwd(), db)}; try: npx casebook --db ${path.relative(process.cwd(), db)} search 回源`,
);
