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
// - start.cjs loads them with a compile cache (see src/cli/start.ts).
// Packages loaded only on use (cosmiconfig, jiti, js-yaml, picomatch, semver,
// ini, jsonc-parser) stay external dependencies. The library
// (dist/index.js) is not bundled.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['cosmiconfig', 'jiti', 'js-yaml', 'picomatch', 'semver', 'semver/*', 'ini', 'jsonc-parser'],
  // import.meta does not exist in CommonJS: its file and folder are __filename and __dirname
  // (a file URL would load node:url and parse a URL at every start).
  define: { 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
};

// In greet.cjs, every command but the greeting is left out: start.cjs never
// lets this file run one (it starts greeter.cjs instead).
const leaveOutOtherCommands = {
  name: 'leave-out-other-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\// }, (args) => (args.path === './commands/greet.js' ? undefined : { path: args.path, namespace: 'left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `export function run() { throw new Error('${args.path} is not part of greet.cjs'); }`,
      loader: 'js',
    }));
  },
};

// In greet.cjs, what only some greetings use is loaded from on-use.cjs when
// they use it: the isolated greeting (its process, its read allowances,
// Plug'n'Play) and package-manager-detector's command table (hints and
// installs). An in-process greeting does not compile them. The two copies
// of what both bundles hold share their state through registered symbols
// (see the host's process guard and GreeterError's brand).
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
await build({ ...common, entryPoints: ['src/cli/start.ts'], outfile: 'dist/bundle/start.cjs' });
await build({
  ...common,
  entryPoints: ['src/cli/greeting.ts'],
  outfile: 'dist/bundle/greet.cjs',
  external: [...common.external, './on-use.cjs'],
  plugins: [leaveOutOtherCommands, loadOnUse],
});
await build({
  ...common,
  stdin: {
    contents: `export { greetIsolated } from './dist/isolate/greet-isolated.js';\nexport { resolveCommand } from 'package-manager-detector/commands';`,
    resolveDir: '../host',
  },
  outfile: 'dist/bundle/on-use.cjs',
});
await build({ ...common, entryPoints: ['src/cli/run.ts'], outfile: 'dist/bundle/greeter.cjs' });
// The isolated plugin's process runs these, found beside the bundles
// (dist/bundle/../isolate-child.cjs), from this package: never another
// install's @greeter/host, which may speak another protocol.
for (const [entry, outfile] of [
  ['../host/src/isolate/child/main.ts', 'dist/isolate-child.cjs'],
  ['../host/src/isolate/child/pnp-hooks.ts', 'dist/pnp-hooks.cjs'],
]) {
  await build({ ...common, external: [], entryPoints: [entry], outfile });
}

// A default import of a Node built-in (`import path from 'node:path'`)
// becomes `__toESM(require("node:path"), 1)`, which copies every property of
// the module onto a new object — about 1.5 ms per start for path, fs and
// process. An object whose prototype is the module, with `default` its own,
// answers `.default` and every named import the same, without the copy.
//
// greet.cjs and greeter.cjs call import() through __import: on Node 20,
// start.cjs loads them with a V8 code cache, which drops the callback of a
// cached script's own import() expressions, and passes an import function
// of its own as __greeterImport (see src/cli/code-cache.ts).
const viaStart = 'var __import = typeof __greeterImport === "function" ? __greeterImport : (specifier) => import(specifier);\n';
for (const outfile of ['dist/bundle/start.cjs', 'dist/bundle/greet.cjs', 'dist/bundle/on-use.cjs', 'dist/bundle/greeter.cjs']) {
  let bundled = readFileSync(outfile, 'utf8').replace(
    /__toESM\(require\("(node:[a-z_/]+)"\), 1\)/g,
    (_, id) => `((m) => ({ __proto__: m, default: m }))(require(${JSON.stringify(id)}))`,
  );
  if (outfile === 'dist/bundle/greet.cjs' || outfile === 'dist/bundle/greeter.cjs') {
    bundled = bundled.replace(/(?<![\w$.])import\(/g, '__import(').replace('"use strict";\n', `"use strict";\n${viaStart}`);
  }
  writeFileSync(outfile, bundled);
}
