// Checks the rules of STYLE.md that no linter here knows: no import cycle
// among the modules of packages/*/src (type-only imports included, as madge
// counts them), no file there over 250 lines, and every error worded by
// core's catalogue (@greeter/core/messages): outside core's own error
// modules, source files raise `errorFrom(entry, params)`, never
// `new GreeterError(code, sentence)`. Prints each breach and exits 1;
// prints a summary and exits 0 when there is none.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const maxLines = 250;
const root = fileURLToPath(new URL('../', import.meta.url));
const packagesDir = path.join(root, 'packages');

const files = readdirSync(packagesDir).flatMap((name) => {
  const src = path.join(packagesDir, name, 'src');
  try {
    return readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join(src, file));
  } catch {
    return [];
  }
});
const known = new Set(files);

// `import … from './x.js'`, `export … from './x.js'`, `import './x.js'`, `import('./x.js')`.
const specifiers = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

function importsOf(file, text) {
  const found = [];
  for (const match of text.matchAll(specifiers)) {
    const target = path.resolve(path.dirname(file), match[1] ?? match[2] ?? match[3]);
    const candidate = [target.replace(/\.js$/, '.ts'), `${target}.ts`, path.join(target, 'index.ts')].find((option) => known.has(option));
    if (candidate) found.push(candidate);
  }
  return found;
}

// The modules that make a GreeterError from words: the class itself
// (rebuilding a serialized error) and `errorFrom`.
const wordingModules = new Set(['packages/core/src/greeter-error.ts', 'packages/core/src/error-messages.ts']);
const handWorded = /\bnew GreeterError\s*\(/g;

const problems = [];
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > maxLines) problems.push(`${path.relative(root, file)}: ${lines} lines (at most ${maxLines})`);
  if (file.endsWith('.test.ts')) continue;
  graph.set(file, importsOf(file, text));
  const relative = path.relative(root, file).split(path.sep).join('/');
  const worded = text.match(handWorded)?.length ?? 0;
  if (worded > 0 && !wordingModules.has(relative) && !relative.includes('/test-helpers/')) {
    problems.push(`${relative}: ${worded} × new GreeterError(…); word the error in @greeter/core/messages and raise it with errorFrom`);
  }
}

// Depth-first search; a module met again while still on the path closes a cycle.
const state = new Map();
const trail = [];
function visit(file) {
  state.set(file, 'open');
  trail.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(next)), next].map((entry) => path.relative(root, entry));
      problems.push(`import cycle: ${cycle.join(' → ')}`);
    } else if (!state.has(next)) visit(next);
  }
  trail.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(1);
}
process.stdout.write(`${files.length} files in packages/*/src: no import cycle, none over ${maxLines} lines, every error from the catalogue\n`);
