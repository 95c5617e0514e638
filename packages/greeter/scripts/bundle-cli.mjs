// Bundles the CLI into dist/bundle/. Each step was kept because the
// measurements showed it (pnpm bench, callgrind; see the README):
// - few files instead of ~80 ES modules: Node's ESM loader resolves and
//   links each module separately;
// - CommonJS: `import ... from 'node:fs'` in ESM builds the module namespace,
//   which evaluates fs.promises and with it streams and readline; require()
//   does not, and the ESM loader starts only when a plugin is imported;
// - greet.cjs holds what a greeting runs, greeter.cjs the whole CLI: V8
//   compiles every byte it loads, and a greeting does not need the other
//   commands, the registry client or string-width (about 80 KB);
// - on-use.cjs holds what only some greetings run (the sandbox, the package
//   manager command table), loaded when one does;
// - start.cjs loads them with a code cache (see src/cli/start.ts).
// The runtime dependencies in package.json (cosmiconfig, jiti, js-yaml, the
// Sigstore libraries that verify provenance, …)
// stay external: they are installed beside greeter and loaded on use. The
// workspace packages and what only they depend on are bundled. The library
// (dist/index.js) is not bundled.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.entries(packageJson.dependencies)
  .filter(([, spec]) => !spec.startsWith('workspace:'))
  .flatMap(([name]) => [name, `${name}/*`]);

// `import path from 'node:path'` becomes `__toESM(require("node:path"), 1)`
// in esbuild's CommonJS, which copies every property of the module onto a
// new object at each importing file (about 6 M instructions of a greeting
// for path, fs and process). Each built-in is instead one small ES module
// in the bundle whose default export is the module itself and whose named
// exports are re-exported from it: esbuild then emits a plain require()
// and property reads, with no copy. A dynamic import() stays as it was.
const requireBuiltin = createRequire(import.meta.url);
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const builtinsWithoutCopies = {
  name: 'builtins-without-copies',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!builtins.has(args.path)) return undefined;
      if (args.namespace === 'builtin' || args.kind !== 'import-statement') return { path: args.path, external: true };
      return { path: args.path, namespace: 'builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const id = JSON.stringify(args.path);
      const names = Object.getOwnPropertyNames(requireBuiltin(args.path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      return { contents: `const m = require(${id});\nexport default m;\nexport { ${names.join(', ')} } from ${id};\n`, loader: 'js' };
    });
  },
};

/** Options of every bundle written to `outfile`. */
function common(outfile) {
  return {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    external,
    // import.meta does not exist in CommonJS: its file and folder are __filename and __dirname
    // (a file URL would load node:url and parse a URL at every start). src/package-dir.ts
    // learns where the package folder is from the bundle's folder.
    define: {
      'import.meta.filename': '__filename',
      'import.meta.dirname': '__dirname',
      GREETER_PACKAGE_FROM_OUTPUT: JSON.stringify(path.relative(path.dirname(outfile), '.') || '.'),
    },
    plugins: [builtinsWithoutCopies],
    logLevel: 'warning',
  };
}

// greet.cjs is built from src/cli/greeting.ts, which imports the greeting's
// code alone: reaching any other command from it fails the build.
const greetingOnly = {
  name: 'greeting-only',
  setup(build) {
    build.onResolve({ filter: /(^|\/)(commands\/[^/]+|load-command\.js)$/ }, (args) =>
      args.path.endsWith('/commands/greet.js')
        ? undefined
        : { errors: [{ text: `${args.path} (imported by ${args.importer}) is not part of a greeting: greet.cjs holds the greeting's code alone.` }] },
    );
  },
};

// In greet.cjs, what only some greetings use is loaded from on-use.cjs when
// they use it: the isolated greeting (its process, its read allowances,
// Plug'n'Play) and package-manager-detector's command table (hints and
// installs). An in-process greeting does not compile them. The two copies
// of what both bundles hold share nothing but GreeterError's registered
// brand: on-use.cjs holds none of the process guard, whose state is its own.
const onUse = {
  '/isolate/greet-isolated.js': ['greetIsolated'],
  'package-manager-detector/commands': ['resolveCommand'],
};
const loadOnUse = {
  name: 'load-on-use',
  setup(build) {
    build.onResolve({ filter: /(\/isolate\/greet-isolated\.js|^package-manager-detector\/commands)$/ }, (args) => ({ path: args.path, namespace: 'on-use' }));
    build.onLoad({ filter: /.*/, namespace: 'on-use' }, (args) => {
      const names = Object.entries(onUse).find(([suffix]) => args.path.endsWith(suffix))[1];
      return {
        contents: names.map((name) => `export function ${name}(...args) { return require('./on-use.cjs').${name}(...args); }`).join('\n'),
        loader: 'js',
      };
    });
  },
};

rmSync('dist/bundle', { recursive: true, force: true });
await build({ ...common('dist/bundle/start.cjs'), entryPoints: ['src/cli/start.ts'] });
const greet = common('dist/bundle/greet.cjs');
await build({
  ...greet,
  entryPoints: ['src/cli/greeting.ts'],
  external: [...external, './on-use.cjs'],
  plugins: [...greet.plugins, greetingOnly, loadOnUse],
});
await build({
  ...common('dist/bundle/on-use.cjs'),
  stdin: {
    contents: `export { greetIsolated } from './dist/isolate/greet-isolated.js';\nexport { resolveCommand } from 'package-manager-detector/commands';`,
    resolveDir: '../host',
  },
});
await build({ ...common('dist/bundle/greeter.cjs'), entryPoints: ['src/cli/every-command.ts'] });
// The isolated plugin's process runs these, found beside the bundles
// (dist/bundle/../isolate-child.cjs), from this package: never another
// install's @greeter/host, which may speak another protocol. Self-contained:
// that process may read nothing of greeter's but these files.
for (const [entry, outfile] of [
  ['../host/src/isolate/child/main.ts', 'dist/isolate-child.cjs'],
  ['../host/src/isolate/child/pnp-hooks.ts', 'dist/pnp-hooks.cjs'],
]) {
  await build({ ...common(outfile), external: [], entryPoints: [entry] });
}

// greet.cjs and greeter.cjs call import() through __import: start.cjs loads
// them with a V8 code cache, which on Node 20 drops the callback of a cached
// script's own import() expressions, and passes an import function of its
// own as __greeterImport (see src/cli/code-cache.ts).
const viaStart = 'var __import = typeof __greeterImport === "function" ? __greeterImport : (specifier) => import(specifier);\n';
for (const outfile of ['dist/bundle/greet.cjs', 'dist/bundle/greeter.cjs']) {
  const bundled = readFileSync(outfile, 'utf8');
  if (!bundled.startsWith('"use strict";\n')) throw new Error(`${outfile} does not start with "use strict": __import has nowhere to go.`);
  writeFileSync(outfile, bundled.replace(/(?<![\w$.])import\(/g, '__import(').replace('"use strict";\n', `"use strict";\n${viaStart}`));
}
