// Bundles the CLI into dist/bundle/greeter.cjs. Each step was kept because
// the measurements showed it (pnpm bench, callgrind; see the README):
// - one file instead of ~60 ES modules: Node's ESM loader resolves and links
//   each module separately;
// - CommonJS: `import ... from 'node:fs'` in ESM builds the module namespace,
//   which evaluates fs.promises and with it streams and readline; require()
//   does not, and the ESM loader starts only when a plugin is imported.
// Tried and dropped: a second file for the commands other than the greeting
// (-1% instructions for a greeting, +4% for `list`), and minifying (no gain).
// Packages loaded only on use (cosmiconfig, jiti, js-yaml, picomatch, semver) stay external
// dependencies. The library (dist/index.js) is not bundled.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const outfile = 'dist/bundle/greeter.cjs';
rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/run.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile,
  external: ['cosmiconfig', 'jiti', 'js-yaml', 'picomatch', 'semver', 'semver/*'],
  // import.meta does not exist in CommonJS: give it this file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// A default import of a Node built-in (`import path from 'node:path'`)
// becomes `__toESM(require("node:path"), 1)`, which copies every property of
// the module onto a new object — about 1.5 ms per start for path, fs and
// process. An object whose prototype is the module, with `default` its own,
// answers `.default` and every named import the same, without the copy.
const bundled = readFileSync(outfile, 'utf8');
writeFileSync(
  outfile,
  bundled.replace(/__toESM\(require\("(node:[a-z_/]+)"\), 1\)/g, (_, id) => `((m) => ({ __proto__: m, default: m }))(require(${JSON.stringify(id)}))`),
);
