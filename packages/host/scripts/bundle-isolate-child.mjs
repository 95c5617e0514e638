// Bundles the isolated plugin's process into one self-contained CommonJS file,
// dist/isolate-child.cjs: that process runs under Node's permission model
// and may read only this file of greeter's, so it must import nothing else.
// CommonJS: no package.json "type" lookup, and no ES module loader until the
// plugin itself is imported.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/greet/isolate-child.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/isolate-child.cjs',
  // import.meta does not exist in CommonJS: give it this file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
