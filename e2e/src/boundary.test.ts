import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees, writeTree } from '@greeter/fixtures';
import {
  controlCharacters,
  e2eEnv,
  greeterIn,
  jsonFailure,
  jsonGreeting,
  jsonOutcome,
  newProject,
  publishFolders,
  setupEnv,
  textFailure,
  textGreeting,
  textOutcome,
  type GreeterRunner,
} from './project.js';
import { runBounded, runOkAsync } from './shell.js';

// The in-process boundary of CONTRACT §4b: each misbehaving plugin is a
// package in fixtures/boundary/, published to the registry and installed
// for real next to english and chinese; each case runs with and without
// --json. Plain folder trees (config modules, containment) use the greeter
// of that same project.
const boundaryDir = fileURLToPath(new URL('../fixtures/boundary/', import.meta.url));
const env = e2eEnv();
// Published after everything else, so that 2.0.0 is the `latest` tag.
const publishedLast = 'greeter-plugin-pinned@2.0.0';
// Only ever installed by `greeter add`.
const notPreinstalled = new Set(['greeter-plugin-pinned', 'greeter-plugin-never']);

const loadFailedOrTimedOut = expect.stringMatching(/^GREETER_(PLUGIN_LOAD_FAILED|GREET_TIMEOUT)$/);
const loadFailed = 'GREETER_PLUGIN_LOAD_FAILED';
const greetFailed = 'GREETER_GREET_FAILED';

// The main project holds every plugin; the others are for the cases that
// change a project's own files. All are installed at once.
let project: string;
let greeter: GreeterRunner;
let bomProject: string;
let parentRoot: string;
let adder: string;

beforeAll(async () => {
  const folders = readdirSync(boundaryDir).filter((name) => name !== publishedLast);
  await publishFolders(
    folders.map((name) => path.join(boundaryDir, name)),
    env,
  );
  await publishFolders([path.join(boundaryDir, publishedLast)], env);
  const plugins = [...new Set(folders.map((name) => name.replace(/@.*$/, '')))].filter((name) => !notPreinstalled.has(name));
  project = newProject('boundary');
  bomProject = newProject('bom-project');
  parentRoot = makeTree({ 'app/package.json': '{"name":"app","version":"1.0.0","private":true}' });
  adder = newProject('adder');
  await Promise.all([
    runOkAsync('pnpm', ['add', 'greeter', 'greeter-plugin-chinese', ...plugins], project, setupEnv(env)),
    runOkAsync('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], bomProject, setupEnv(env)),
    runOkAsync('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], path.join(parentRoot, 'app'), setupEnv(env)),
    runOkAsync('pnpm', ['add', 'greeter'], adder, setupEnv(env)),
  ]);
  greeter = greeterIn(project, env);
});

afterAll(removeTrees);

/** Greeting runs: [what the plugin does, arguments, the greeting]. */
const greetings: [string, string[], string][] = [
  ['english', ['english'], 'Hello Universe'],
  ['chinese', ['chinese'], '你好宇宙'],
  ['no language: english', [], 'Hello Universe'],
  ['fs.writeSync(1) at import and in greet', ['fd-one'], 'fd-one greeting'],
  ['output queued to run after greet returned', ['afterwards'], 'afterwards greeting'],
  ['a package.json with a byte-order mark', ['bom'], 'bom greeting'],
  ['the thrower with nothing to throw (the fixture loads)', ['thrower'], 'thrower greeting'],
];

/** Failing runs: [what the plugin does, arguments, the code, extra environment]. */
const thrownKinds = ['message-getter', 'proxy', 'revoked-proxy', 'null-prototype', 'tostring-throws', 'string', 'null'];
const failures: [string, string[], unknown, NodeJS.ProcessEnv][] = [
  ['a top-level await that never settles, nothing alive', ['stuck-import', '--timeout', '1000'], loadFailedOrTimedOut, {}],
  ['a top-level await that never settles, an interval alive', ['stuck-interval', '--timeout', '1000'], 'GREETER_GREET_TIMEOUT', {}],
  ['a timer that throws while greet is pending', ['timer-throws'], greetFailed, {}],
  ['a microtask that throws after greet returned "ok"', ['microtask-throws'], greetFailed, {}],
  ['an unhandled rejection while greet is pending', ['rejects'], greetFailed, {}],
  ['process.exit(0) at import', ['quits-import'], loadFailed, {}],
  ['process.exit(0) in greet', ['quits-greet'], greetFailed, {}],
  ...thrownKinds.flatMap((kind): [string, string[], unknown, NodeJS.ProcessEnv][] => [
    [`throwing ${kind} at import`, ['thrower'], loadFailed, { GREETER_E2E_THROW: `${kind}@import` }],
    [`throwing ${kind} in greet`, ['thrower'], greetFailed, { GREETER_E2E_THROW: `${kind}@greet` }],
  ]),
];

// Each failure ends within about a second (--timeout 1000 at most); a run
// still going after 10 s hangs.
const failureLimitMs = 10_000;

describe('plugin code in greeter’s process, installed for real', () => {
  // Trusted for one run: these are the in-process guard's promises (CONTRACT §4b "In-process").
  const inProcess = (args: string[]) => [...args, '--no-isolate'];
  it.each(greetings)('%s: --json prints one document with the greeting, exit 0', (_, args, greeting) => {
    expect(jsonOutcome(greeter(inProcess([...args, '--json'])))).toEqual(jsonGreeting(greeting));
  });

  it.each(greetings)('%s: stdout is the greeting alone, exit 0', (_, args, greeting) => {
    expect(textOutcome(greeter(inProcess(args)))).toEqual(textGreeting(greeting));
  });

  it.each(failures)('%s: --json prints one error document, exit 1, no stack trace', (_, args, code, runEnv) => {
    expect(jsonOutcome(greeter(inProcess([...args, '--json']), { env: runEnv, timeoutMs: failureLimitMs }))).toEqual(jsonFailure(code));
  });

  it.each(failures)('%s: empty stdout, the code on stderr, exit 1, no stack trace', (_, args, code, runEnv) => {
    expect(textOutcome(greeter(inProcess(args), { env: runEnv, timeoutMs: failureLimitMs }))).toEqual(textFailure(code));
  });

  it('moves what a plugin writes to fd 1 to stderr', () => {
    const { stderr } = greeter(inProcess(['fd-one']));
    expect(['FD-ONE-AT-IMPORT', 'FD-ONE-IN-GREET'].filter((text) => !stderr.includes(text))).toEqual([]);
  });
});

describe('greeter doctor --json with plugins that misbehave', () => {
  // Each folder's config names the plugins doctor checks (besides english),
  // so that each test is about one misbehaviour.
  const only = (plugins: string[]) => ({ '.greeterrc.json': JSON.stringify({ autoDiscover: false, plugins }) });
  let timerString: ReturnType<typeof jsonOutcome>;

  beforeAll(() => {
    writeTree(project, {
      'doctor-timer-string': only(['greeter-plugin-timer-string', 'greeter-plugin-chinese']),
      'doctor-fd-one': only(['greeter-plugin-fd-one']),
    });
    timerString = jsonOutcome(greeter(['doctor', '--json', '--timeout', '2000'], { cwd: path.join(project, 'doctor-timer-string') }));
  });

  it('completes with one document listing every plugin when a plugin’s timer throws a string', () => {
    expect({ exit: timerString.exit, plugins: pluginNames(timerString.document) }).toEqual({
      exit: 1,
      plugins: ['greeter-plugin-chinese', 'greeter-plugin-english', 'greeter-plugin-timer-string'],
    });
  });

  it('names the plugin whose timer threw as the one that failed', () => {
    expect(pluginNames(timerString.document, (plugin) => !plugin.ok)).toEqual(['greeter-plugin-timer-string']);
  });

  it('prints one document when a plugin writes to fd 1', () => {
    const doctor = jsonOutcome(greeter(['doctor', '--json'], { cwd: path.join(project, 'doctor-fd-one') }));
    expect({ exit: doctor.exit, plugins: pluginNames(doctor.document) }).toEqual({
      exit: 0,
      plugins: ['greeter-plugin-english', 'greeter-plugin-fd-one'],
    });
  });
});

describe('config modules run under the same guard', () => {
  let noisy: string;
  let exiting: string;

  beforeAll(() => {
    const folder = (source: string) => makeTree({ 'package.json': '{"name":"configured","private":true}', '.greeterrc.cjs': source });
    noisy = folder("console.log('CONFIG-NOISE');\nmodule.exports = { default: 'english' };\n");
    exiting = folder('process.exit(0);\nmodule.exports = {};\n');
  });

  it('a .greeterrc.cjs that prints: --json prints one document with the greeting', () => {
    expect(jsonOutcome(greeter(['--json'], { cwd: noisy }))).toEqual(jsonGreeting('Hello Universe'));
  });

  it('a .greeterrc.cjs that prints: stdout is the greeting alone', () => {
    expect(textOutcome(greeter([], { cwd: noisy }))).toEqual(textGreeting('Hello Universe'));
  });

  it('a .greeterrc.cjs that calls process.exit(0): --json prints GREETER_CONFIG_INVALID, exit 2', () => {
    expect(jsonOutcome(greeter(['--json'], { cwd: exiting }))).toEqual(jsonFailure('GREETER_CONFIG_INVALID', 2));
  });

  it('a .greeterrc.cjs that calls process.exit(0): GREETER_CONFIG_INVALID on stderr, exit 2', () => {
    expect(textOutcome(greeter([], { cwd: exiting }))).toEqual(textFailure('GREETER_CONFIG_INVALID', 2));
  });
});

describe('manifest text with terminal escapes', () => {
  beforeAll(() => {
    // Written straight into node_modules: the registry refuses to publish a
    // version that is not semver, and npm would refuse to install one.
    writeTree(path.join(project, 'node_modules'), {
      'greeter-plugin-escapes': pluginPackage('greeter-plugin-escapes', 'escapes greeting', {
        version: '1.0.0\u001b]0;pwned\u0007',
        coreRange: '>=0.0.0 \u001b[2J\u001b[H',
        packageJson: { description: 'made \u001b[31mred\u001b[0m \u001b]8;;https://example.invalid\u0007here\u001b]8;;\u0007' },
      }),
    });
  });

  it.each([[['list']], [['list', '--long']]])('greeter %j lists the plugin with no control character on stdout or stderr', (args) => {
    const listed = greeter(args);
    expect({ exit: listed.code, listed: listed.stdout.includes('greeter-plugin-escapes'), controls: controlCharacters(listed.stdout + listed.stderr) }).toEqual(
      {
        exit: 0,
        listed: true,
        controls: [],
      },
    );
  });
});

describe('a project whose package.json starts with a byte-order mark', () => {
  beforeAll(() => {
    // After the install, which rewrites package.json. The `greeter` key
    // shows whether greeter read the file or skipped it.
    const file = path.join(bomProject, 'package.json');
    const packageJson = { ...JSON.parse(readFileSync(file, 'utf8')), greeter: { default: 'chinese' } };
    writeFileSync(file, `\ufeff${JSON.stringify(packageJson, null, 2)}\n`);
  });

  it('reads its greeter key: greeter greets in chinese', () => {
    expect(textOutcome(greeterIn(bomProject, env)([]))).toEqual(textGreeting('你好宇宙'));
  });

  it('lists its plugins', () => {
    const listed = jsonOutcome(greeterIn(bomProject, env)(['list', '--json']));
    expect({ exit: listed.exit, plugins: pluginNames(listed.document) }).toEqual({ exit: 0, plugins: ['greeter-plugin-chinese', 'greeter-plugin-english'] });
  });
});

describe('an unrelated broken package.json in a parent folder', () => {
  let broken: string;
  let run: GreeterRunner;

  beforeAll(() => {
    // After the install: only greeter is to meet it.
    broken = path.join(parentRoot, 'package.json');
    writeFileSync(broken, '{ "name": "parent", "version": ');
    run = greeterIn(path.join(parentRoot, 'app'), env);
  });

  it('greeter greets', () => {
    expect(textOutcome(run([]))).toEqual(textGreeting('Hello Universe'));
  });

  it('greeter chinese --json greets', () => {
    expect(jsonOutcome(run(['chinese', '--json']))).toEqual(jsonGreeting('你好宇宙'));
  });

  it('greeter list --json lists the plugins', () => {
    const listed = jsonOutcome(run(['list', '--json']));
    expect({ exit: listed.exit, plugins: pluginNames(listed.document) }).toEqual({ exit: 0, plugins: ['greeter-plugin-chinese', 'greeter-plugin-english'] });
  });

  it('greeter doctor --json finds everything healthy', () => {
    const doctor = jsonOutcome(run(['doctor', '--json']));
    expect({ exit: doctor.exit, ok: (doctor.document as { ok?: unknown }).ok }).toEqual({ exit: 0, ok: true });
  });

  it('greets with a warning on stderr naming the file it skipped', () => {
    const greeted = run([]);
    expect({ exit: greeted.code, warned: greeted.stderr.includes(broken) }).toEqual({ exit: 0, warned: true });
  });
});

describe('containment: only searched folders are loaded from', () => {
  // A plugin that leaves a sentinel file at import: proof that its code ran.
  const evil = pluginPackage('greeter-plugin-evil', 'evil greeting', {
    source:
      "import { writeFileSync } from 'node:fs';\n// Tries: running from a folder the project never installed; leaves a sentinel at import.\nwriteFileSync(process.env.GREETER_E2E_SENTINEL, 'evil ran');\nexport const Greeter = { greet: () => 'evil greeting' };\n",
  });
  const victim = (nodeModules: Record<string, string | { link: string }>) => ({
    'package.json': '{"name":"victim","private":true}',
    node_modules: nodeModules,
  });
  let root: string;

  beforeAll(() => {
    root = makeTree({
      outside: { 'greeter-plugin-evil': evil },
      yaml: victim({ '.modules.yaml': 'virtualStoreDir: /\n', 'greeter-plugin-evil': { link: '../../outside/greeter-plugin-evil' } }),
      json: victim({ '.modules.yaml': '{"virtualStoreDir":"/"}\n', 'greeter-plugin-evil': { link: '../../outside/greeter-plugin-evil' } }),
      workspace: {
        'package.json': '{"name":"monorepo","private":true,"workspaces":[]}',
        unlisted: { 'greeter-plugin-evil': evil },
        app: victim({ 'greeter-plugin-evil': { link: '../../unlisted/greeter-plugin-evil' } }),
      },
    });
  });

  const sentinelRun = (args: string[], cwd: string) => {
    const sentinel = path.join(makeTree(), 'sentinel');
    const ran = jsonOutcome(greeter([...args, '--json'], { cwd, env: { GREETER_E2E_SENTINEL: sentinel } }));
    return { ...ran, sentinel: existsSync(sentinel) };
  };

  it.each([
    ['node_modules/.modules.yaml says virtualStoreDir: / (YAML)', 'yaml'],
    ['node_modules/.modules.yaml says virtualStoreDir: / (JSON)', 'json'],
    ['a parent package.json with "workspaces": [] above a link to an unlisted folder', 'workspace/app'],
  ])('%s: greeter evil fails with GREETER_PLUGIN_LOAD_FAILED and runs none of its code', (_, folder) => {
    expect(sentinelRun(['evil'], path.join(root, folder))).toEqual({ ...jsonFailure(loadFailed), sentinel: false });
  });

  it('the same plugin named with --plugin and trusted for one run runs (the sentinel works)', () => {
    expect(sentinelRun(['--plugin', path.join(root, 'outside', 'greeter-plugin-evil'), '--no-isolate'], root)).toEqual({
      ...jsonGreeting('evil greeting'),
      sentinel: true,
    });
  });
});

describe('greeter add installs exactly the version it checked', () => {
  let run: GreeterRunner;
  const read = (file: string) => readFileSync(path.join(adder, file), 'utf8');

  beforeAll(() => {
    run = greeterIn(adder, env);
  });

  it('a package none of whose versions fits: GREETER_PLUGIN_INCOMPATIBLE, package.json and lockfile untouched', () => {
    const before = { packageJson: read('package.json'), lockfile: read('pnpm-lock.yaml') };
    const added = jsonOutcome(run(['add', 'never', '--json'], { timeoutMs: 120_000 }));
    expect({ ...added, packageJson: read('package.json'), lockfile: read('pnpm-lock.yaml') }).toEqual({
      ...jsonFailure('GREETER_PLUGIN_INCOMPATIBLE'),
      ...before,
    });
  });

  it('latest (2.0.0) excludes this greeter: installs 1.0.0, and package.json names 1.0.0', () => {
    const added = run(['add', 'pinned', '--json'], { timeoutMs: 120_000 });
    const range = JSON.parse(read('package.json')).dependencies?.['greeter-plugin-pinned'];
    const installed = path.join(adder, 'node_modules', 'greeter-plugin-pinned', 'package.json');
    expect({
      exit: added.code,
      range,
      installed: existsSync(installed) ? JSON.parse(readFileSync(installed, 'utf8')).version : 'not installed',
    }).toEqual({ exit: 0, range: expect.stringMatching(/^[\^~]?1\.0\.0$/), installed: '1.0.0' });
  });
});

describe('the library, greeting concurrently', () => {
  const languages = ['lag-30', 'english', 'lag-10', 'chinese', 'lag-20'];
  const expected: Record<string, string> = {
    'lag-30': 'lag-30 greeting',
    english: 'Hello Universe',
    'lag-10': 'lag-10 greeting',
    chinese: '你好宇宙',
    'lag-20': 'lag-20 greeting',
  };
  // 20 overlapping greetings of five plugins from one host; it prints its
  // report with the stdout.write it saved before greeting.
  const script = `import { createHost } from 'greeter';
const write = process.stdout.write;
const exit = process.exit;
const host = createHost();
const requests = Array.from({ length: 20 }, (_, index) => ${JSON.stringify(languages)}[index % 5]);
const results = await Promise.allSettled(requests.map((language) => host.greet(language)));
const greetings = results.map((result) => (result.status === 'fulfilled' ? result.value.greeting : 'failed: ' + (result.reason?.code ?? typeof result.reason)));
const report = { greetings, stdoutWrite: process.stdout.write === write, exit: process.exit === exit };
write.call(process.stdout, JSON.stringify(report) + '\\n');
`;
  let report: { greetings?: unknown; stdoutWrite?: unknown; exit?: unknown };

  beforeAll(() => {
    writeFileSync(path.join(project, 'concurrent.mjs'), script);
    report = jsonOutcome(runBounded(process.execPath, ['concurrent.mjs'], project, env, 20_000)).document as typeof report;
  });

  it('gives each of 20 concurrent greetings its own plugin’s greeting', () => {
    expect(report.greetings).toEqual(Array.from({ length: 20 }, (_, index) => expected[languages[index % 5]!]));
  });

  it('leaves process.stdout.write and process.exit as they were', () => {
    expect({ stdoutWrite: report.stdoutWrite, exit: report.exit }).toEqual({ stdoutWrite: true, exit: true });
  });
});

/** The names of the plugins in a list or doctor document (those `keep` keeps), sorted; the document itself when it has none. */
function pluginNames(document: unknown, keep: (plugin: { ok?: unknown }) => boolean = () => true): unknown {
  const plugins = (document as { plugins?: { name: string; ok?: unknown }[] }).plugins;
  return Array.isArray(plugins)
    ? plugins
        .filter(keep)
        .map((plugin) => plugin.name)
        .sort()
    : document;
}
