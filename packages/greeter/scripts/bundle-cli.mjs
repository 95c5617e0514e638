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
// of what both bundles hold share nothing but GreeterError's registered
// brand: on-use.cjs holds none of the process guard, whose state is its own.
const onUse = {
  '/greet/greet-isolated.js': ['greetIsolated', 'permissionArgs'],
  'package-manager-detector/commands': ['resolveCommand'],
};
const loadOnUse = {
  name: 'load-on-use',
  setup(build) {
    build.onResolve({ filter: /(\/greet\/greet-isolated\.js|^package-manager-detector\/commands)$/ }, (args) => ({ path: args.path, namespace: 'on-use' }));
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
    contents: `export { greetIsolated, permissionArgs } from './dist/greet/greet-isolated.js';\nexport { resolveCommand } from 'package-manager-detector/commands';`,
    resolveDir: '../host',
  },
  outfile: 'dist/bundle/on-use.cjs',
});
await build({ ...common, entryPoints: ['src/cli/run.ts'], outfile: 'dist/bundle/greeter.cjs' });

// A default import of a Node built-in (`import path from 'node:path'`)
// becomes `__toESM(require("node:path"), 1)`, which copies every property of
// the module onto a new object — about 1.5 ms per start for path, fs and
// process. An object whose prototype is the module, with `default` its own,
// answers `.default` and every named import the same, without the copy.
for (const outfile of ['dist/bundle/start.cjs', 'dist/bundle/greet.cjs', 'dist/bundle/on-use.cjs', 'dist/bundle/greeter.cjs']) {
  const bundled = readFileSync(outfile, 'utf8');
  writeFileSync(
    outfile,
    bundled.replace(/__toESM\(require\("(node:[a-z_/]+)"\), 1\)/g, (_, id) => `((m) => ({ __proto__: m, default: m }))(require(${JSON.stringify(id)}))`),
  );
}
