// Bundles the CLI into dist/bundle/greeter.cjs: one CommonJS file instead of
// ~60 ES modules. Measured with `pnpm bench` (see the README):
// - one file: Node's ESM loader resolves and links each module separately;
// - CommonJS: `import ... from 'node:fs'` in ESM builds the module namespace,
//   which evaluates fs.promises and with it streams and readline; require()
//   does not, and the ESM loader starts only when a plugin is imported.
// Other commands stay in the file; esbuild defers their evaluation until
// their dynamic import runs. Lazily imported packages (cosmiconfig, sucrase,
// semver) stay external dependencies. The library (dist/index.js) is not bundled.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/run.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/bundle/greeter.cjs',
  external: ['cosmiconfig', 'sucrase', 'semver', 'semver/*'],
  // import.meta does not exist in CommonJS: give it this file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
