// Bundles the files an isolated plugin's process runs into self-contained
// CommonJS files: that process runs under Node's permission model and may
// read only these files of greeter's, so they import nothing but node:
// builtins. CommonJS: no package.json "type" lookup, and no ES module loader
// until the plugin itself is imported.
// - dist/isolate-child.cjs: receives the request, loads and greets, reports;
// - dist/pnp-hooks.cjs: Yarn Plug'n'Play resolution for ES modules in the
//   plugin's own thread (Yarn's loader needs a worker, which is forbidden).
import { build } from 'esbuild';

for (const [entry, outfile] of [
  ['src/isolate/child/main.ts', 'dist/isolate-child.cjs'],
  ['src/isolate/child/pnp-hooks.ts', 'dist/pnp-hooks.cjs'],
]) {
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    // import.meta does not exist in CommonJS: its file and folder are __filename and __dirname.
    define: { 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
    logLevel: 'warning',
  });
}
