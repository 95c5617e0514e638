import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees } from '@greeter/fixtures';

// The built CLI, run as a user runs it: `pnpm test` builds first.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

/** Runs the CLI as a child process; asynchronous, so the tests of a block run at once. */
function greeter(cwd: string, args: string[], env: Record<string, string> = {}) {
  const { DEBUG: _debug, ...inherited } = process.env;
  return run(process.execPath, [bin, ...args], { cwd, env: { ...inherited, NO_COLOR: '1', ...env } });
}

/** A process's output and exit code, without blocking the other tests. */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdio?: StdioOptions; maxBuffer?: number }) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** The error code printed in brackets on stderr. */
function codeIn(stderr: string): string | undefined {
  return /\[(GREETER_[A-Z_]+)\]/.exec(stderr)?.[1];
}

const chinese = pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh', '中文'] });

describe.concurrent('the seed table', () => {
  const empty = makeTree({ 'package.json': '{"name":"empty"}' });
  const project = makeTree(pnpmLayout({ 'greeter-plugin-chinese': chinese }));

  it.each([[[]], [['english']]])('greeter %j greets the universe in English', async (args) => {
    expect(await greeter(empty, args)).toEqual({ stdout: 'Hello Universe\n', stderr: '', code: 0 });
  });

  it('greeter chinese greets in Chinese once the plugin is installed', async () => {
    expect(await greeter(project, ['chinese'])).toEqual({ stdout: '你好宇宙\n', stderr: '', code: 0 });
    expect((await greeter(project, ['zh', '--name', 'Ada'])).stdout).toBe('你好宇宙 Ada\n');
  });

  it('greeter klingon says what is installed and how to install it, and exits 1', async () => {
    const result = await greeter(project, ['klingon']);
    expect(result).toMatchObject({ stdout: '', code: 1 });
    expect(codeIn(result.stderr)).toBe('GREETER_PLUGIN_NOT_FOUND');
    expect(result.stderr).toContain('pnpm add greeter-plugin-klingon');
    expect(result.stderr).toContain('chinese');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe.concurrent('errors', () => {
  const project = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));

  it('--json prints exactly one JSON document on stdout, for success and for errors', async () => {
    const ok = await greeter(project, ['chinese', '--json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ greeting: '你好宇宙', plugin: { name: 'greeter-plugin-chinese', source: 'project' } });
    const failed = await greeter(project, ['klingon', '--json']);
    expect(failed.code).toBe(1);
    expect(Object.keys(JSON.parse(failed.stdout).error).sort()).toEqual(['code', 'hint', 'message']);
    expect(JSON.parse(failed.stdout).error.code).toBe('GREETER_PLUGIN_NOT_FOUND');
  });

  it.each([['--bogus'], ['--name'], ['list', 'extra'], ['--timeout', 'soon'], ['a', 'b'], ['doctor', 'a', 'b'], ['add'], ['remove', 'a', 'b']])(
    'greeter %j is a usage error, exit 2',
    async (...args) => {
      const result = await greeter(project, args);
      expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([2, 'GREETER_USAGE', '']);
    },
  );

  it.each(['../chinese', 'a.b', '/etc/passwd', 'x%2f', 'zh\u001b[31m', 'a b'])('rejects the name %j with exit 2, never echoing it raw', async (name) => {
    const result = await greeter(project, [name]);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([2, 'GREETER_INVALID_NAME', '']);
    expect(result.stderr).not.toContain('\u001b');
  });

  it('greeter add refuses an invalid name, and a folder outside any project, running nothing', async () => {
    const invalid = await greeter(project, ['add', '../chinese']);
    expect([invalid.code, codeIn(invalid.stderr), invalid.stdout]).toEqual([2, 'GREETER_INVALID_NAME', '']);
    const outside = await greeter(makeTree(), ['add', 'esperanto']);
    expect([outside.code, codeIn(outside.stderr)]).toEqual([2, 'GREETER_USAGE']);
  });

  it('greeter remove refuses a plugin the project does not depend on', async () => {
    const result = await greeter(project, ['remove', 'chinese']);
    expect([result.code, codeIn(result.stderr)]).toEqual([1, 'GREETER_PLUGIN_NOT_FOUND']);
  });

  it('never lets a path-like, encoded or control-character argument reach a package', async () => {
    const trace =
      'import { writeFileSync } from "node:fs"; writeFileSync(new URL("./TRACE", import.meta.url), ""); export const Greeter = { greet: () => "traced" };';
    const traced = makeTree({
      ...npmLayout({ 'greeter-plugin-trace': pluginPackage('greeter-plugin-trace', 'x', { source: trace }) }),
      'evil/package.json': '{"name":"evil","main":"index.js","type":"module"}',
      'evil/index.js': trace,
    });
    const names = [
      './evil',
      '../evil',
      'evil/',
      '%2e%2e%2fevil',
      'node_modules/greeter-plugin-trace',
      'greeter-plugin-trace/../trace',
      // (argv cannot carry a NUL byte; the grammar's tests cover it.)
      'trace\u001b',
      'trace\u0007',
      'tr ace',
      'trace.js',
      '@x/../../evil',
      path.join(traced, 'evil'),
      'greeter-plugin-trace\\..',
    ];
    for (const name of names) {
      const result = await greeter(traced, [name]);
      expect([name, result.code, codeIn(result.stderr)]).toEqual([name, 2, 'GREETER_INVALID_NAME']);
    }
    expect(existsSync(path.join(traced, 'node_modules', 'greeter-plugin-trace', 'TRACE'))).toBe(false);
    expect(existsSync(path.join(traced, 'evil', 'TRACE'))).toBe(false);
  });

  it('never imports a package outside the naming convention', async () => {
    const traced = makeTree(
      npmLayout({
        lodash: pluginPackage('lodash', 'x', { source: 'import { writeFileSync } from "node:fs"; writeFileSync(new URL("./TRACE", import.meta.url), "");' }),
      }),
    );
    expect(codeIn((await greeter(traced, ['lodash'])).stderr)).toBe('GREETER_PLUGIN_NOT_FOUND');
    expect(existsSync(path.join(traced, 'node_modules', 'lodash', 'TRACE'))).toBe(false);
  });

  it('shows the stack trace only with DEBUG=greeter', async () => {
    const broken = makeTree(npmLayout({ 'greeter-plugin-boom': pluginPackage('greeter-plugin-boom', 'x', { source: 'throw new Error("boom");' }) }));
    expect((await greeter(broken, ['boom'])).stderr).not.toMatch(/^\s+at /m);
    expect((await greeter(broken, ['boom'], { DEBUG: 'greeter' })).stderr).toMatch(/^\s+at /m);
  });
});

describe.concurrent('broken plugins break only themselves', () => {
  const faults = {
    'greeter-plugin-throws': [{ source: 'throw new Error("on import");' }, 'GREETER_PLUGIN_LOAD_FAILED'],
    'greeter-plugin-syntax': [{ source: 'export const Greeter = {' }, 'GREETER_PLUGIN_LOAD_FAILED'],
    'greeter-plugin-noentry': [{ packageJson: { main: 'gone.js' } }, 'GREETER_PLUGIN_LOAD_FAILED'],
    'greeter-plugin-shape': [{ source: 'export const Greeter = { hello() {} };' }, 'GREETER_PLUGIN_INVALID'],
    'greeter-plugin-old': [{ coreRange: '^99.0.0' }, 'GREETER_PLUGIN_INCOMPATIBLE'],
    'greeter-plugin-fails': [{ source: 'export const Greeter = { greet() { throw new Error("no"); } };' }, 'GREETER_GREET_FAILED'],
    'greeter-plugin-number': [{ source: 'export default { greet: () => 42 };' }, 'GREETER_GREET_FAILED'],
    'greeter-plugin-exits': [{ source: 'export const Greeter = { greet() { process.exit(0); } };' }, 'GREETER_GREET_FAILED'],
    'greeter-plugin-hangs': [{ source: 'export const Greeter = { greet: () => new Promise(() => setTimeout(() => {}, 60000)) };' }, 'GREETER_GREET_TIMEOUT'],
  } as const;
  const packages = Object.fromEntries(Object.entries(faults).map(([name, [spec]]) => [name, pluginPackage(name, 'x', spec)]));
  const project = makeTree(npmLayout({ ...packages, 'greeter-plugin-chinese': chinese }));

  it.each(Object.entries(faults))('%s fails with its code and exit 1', async (name, [, code]) => {
    const result = await greeter(project, [name.replace('greeter-plugin-', ''), '--timeout', '300']);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, code, '']);
    expect(result.stderr).toContain(name);
  });

  it('leaves every other language and the listing working', async () => {
    expect((await greeter(project, ['chinese'])).stdout).toBe('你好宇宙\n');
    expect((await greeter(project, [])).stdout).toBe('Hello Universe\n');
    const listed = JSON.parse((await greeter(project, ['list', '--json'])).stdout);
    expect(listed.plugins.map((plugin: { name: string }) => plugin.name)).toContain('greeter-plugin-throws');
    expect(listed.plugins.find((plugin: { name: string }) => plugin.name === 'greeter-plugin-old').status).toBe('incompatible');
  });

  it('keeps what a plugin prints while loading off stdout', async () => {
    const noisy = makeTree(
      npmLayout({
        'greeter-plugin-noisy': pluginPackage('greeter-plugin-noisy', 'x', {
          source: 'console.log("noise");\nexport const Greeter = { greet: () => "quiet" };',
        }),
      }),
    );
    const result = await greeter(noisy, ['noisy']);
    expect([result.stdout, result.code]).toEqual(['quiet\n', 0]);
    expect(result.stderr).toContain('noise');
  });

  it('names both packages in a conflict', async () => {
    const clash = makeTree(
      npmLayout({
        'greeter-plugin-a': pluginPackage('greeter-plugin-a', 'a', { languages: ['klingon'] }),
        'greeter-plugin-b': pluginPackage('greeter-plugin-b', 'b', { languages: ['klingon'] }),
      }),
    );
    const result = await greeter(clash, ['klingon']);
    expect([result.code, codeIn(result.stderr)]).toEqual([1, 'GREETER_PLUGIN_CONFLICT']);
    expect(result.stderr).toContain('greeter-plugin-a');
    expect(result.stderr).toContain('greeter-plugin-b');
  });
});

describe.concurrent('third-party plugins written against the contract alone', () => {
  const project = makeTree(
    pnpmLayout({
      'greeter-plugin-esm': pluginPackage('greeter-plugin-esm', 'esm named'),
      'greeter-plugin-cjs': pluginPackage('greeter-plugin-cjs', '', {
        packageJson: { type: 'commonjs' },
        source: 'module.exports = { greet: async ({ name } = {}) => "cjs default" + (name ? " " + name : "") };',
      }),
      '@acme/greeter-plugin-klingon': pluginPackage('@acme/greeter-plugin-klingon', '', {
        version: '3.1.4',
        languages: ['klingon', 'tlh'],
        source: 'export default { greet: () => Promise.resolve("nuqneH") };',
      }),
    }),
  );

  it.each([
    ['esm', 'esm named'],
    ['cjs', 'cjs default'],
    ['klingon', 'nuqneH'],
    ['tlh', 'nuqneH'],
    ['@acme/klingon', 'nuqneH'],
  ])('greeter %s', async (language, greeting) => {
    expect(await greeter(project, [language])).toEqual({ stdout: `${greeting}\n`, stderr: '', code: 0 });
  });

  it('list --json shows each with its languages, version and source, importing nothing', async () => {
    const listed = JSON.parse((await greeter(project, ['list', '--json'])).stdout);
    const byName = Object.fromEntries(listed.plugins.map((plugin: { name: string }) => [plugin.name, plugin]));
    expect(byName['@acme/greeter-plugin-klingon']).toMatchObject({ languages: ['klingon', 'tlh'], version: '3.1.4', source: 'project', status: 'ok' });
    expect(byName['greeter-plugin-cjs']).toMatchObject({ languages: ['cjs'], source: 'project' });
    expect(byName['greeter-plugin-english']).toMatchObject({ source: 'builtin' });
    expect(listed.plugins.filter((plugin: { status: string }) => plugin.status === 'broken')).toEqual([]);
  });
});

describe.concurrent('config', () => {
  it('sets the default language from .greeterrc.json', async () => {
    const project = makeTree({ ...npmLayout({ 'greeter-plugin-chinese': chinese }), '.greeterrc.json': '{"default":"zh"}' });
    expect((await greeter(project, [])).stdout).toBe('你好宇宙\n');
  });

  it('adds a local plugin by path from package.json and turns autoDiscover off', async () => {
    const project = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': chinese }),
      'package.json': JSON.stringify({ name: 'p', greeter: { plugins: ['./plugins/pirate'], autoDiscover: false } }),
      'plugins/pirate': pluginPackage('pirate-greeter', 'Ahoy Universe', { languages: ['pirate'] }),
    });
    expect((await greeter(project, ['pirate'])).stdout).toBe('Ahoy Universe\n');
    expect(codeIn((await greeter(project, ['chinese'])).stderr)).toBe('GREETER_PLUGIN_NOT_FOUND');
    expect((await greeter(project, [])).stdout).toBe('Hello Universe\n');
  });

  it('loads greeter.config.mjs from a parent folder', async () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': chinese }),
      'greeter.config.mjs': 'export default { aliases: { mandarin: "chinese" } };',
      'app/package.json': '{"name":"app"}',
    });
    expect((await greeter(path.join(root, 'app'), ['mandarin'])).stdout).toBe('你好宇宙\n');
  });

  it('reports a wrong config with exit 2, naming the file and the key', async () => {
    const project = makeTree({ '.greeterrc.json': '{"plugins":"chinese","colour":1}' });
    const result = await greeter(project, []);
    expect([result.code, codeIn(result.stderr)]).toEqual([2, 'GREETER_CONFIG_INVALID']);
    expect(result.stderr).toContain(path.join(project, '.greeterrc.json'));
    expect(result.stderr).toContain('plugins');
    expect(result.stderr).toContain('colour');
  });

  it('takes --config, --cwd and --plugin', async () => {
    const project = makeTree({
      'custom.json': '{"default":"chinese"}',
      'sub/node_modules/greeter-plugin-chinese': chinese,
      'my-plugin': pluginPackage('my-plugin', 'Mine'),
    });
    expect((await greeter(project, ['--cwd', 'sub', '--config', '../custom.json'])).stdout).toBe('你好宇宙\n');
    expect((await greeter(project, ['--plugin', './my-plugin'])).stdout).toBe('Mine\n');
  });
});

describe.concurrent('help and version', () => {
  const empty = makeTree();

  it('prints help and the version with exit 0', async () => {
    expect(await greeter(empty, ['--help'])).toMatchObject({ code: 0, stderr: '' });
    expect((await greeter(empty, ['--help'])).stdout).toContain('greeter list');
    const { version } = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
    expect((await greeter(empty, ['--version'])).stdout).toBe(`${version}\n`);
  });
});

describe.concurrent('--isolate', () => {
  const project = makeTree(
    npmLayout({
      'greeter-plugin-chinese': chinese,
      'greeter-plugin-spin': pluginPackage('greeter-plugin-spin', 'x', { source: 'export const Greeter = { greet() { for (;;) {} } };' }),
      'greeter-plugin-hog': pluginPackage('greeter-plugin-hog', 'x', {
        source: 'export const Greeter = { greet() { const kept = []; for (;;) kept.push(new Array(1e5).fill({})); } };',
      }),
    }),
  );

  it('greets from a separate process', async () => {
    expect(await greeter(project, ['chinese', '--isolate'])).toEqual({ stdout: '你好宇宙\n', stderr: '', code: 0 });
  });

  it('ends a synchronous busy loop with GREETER_GREET_TIMEOUT and a runaway allocation with GREETER_GREET_FAILED', async () => {
    const spin = await greeter(project, ['spin', '--isolate', '--timeout', '500']);
    expect([spin.code, codeIn(spin.stderr), spin.stdout]).toEqual([1, 'GREETER_GREET_TIMEOUT', '']);
    const hog = await greeter(project, ['hog', '--isolate', '--timeout', '20000']);
    expect([hog.code, codeIn(hog.stderr), hog.stdout]).toEqual([1, 'GREETER_GREET_FAILED', '']);
  });
});

describe.concurrent('greeter doctor', () => {
  it('exits 0 when all is healthy', async () => {
    const project = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));
    const result = await greeter(project, ['doctor', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ schemaVersion: 1, ok: true, config: { filepath: null } });
  });

  it('explains a missing, a broken, an incompatible and a shadowed plugin in one run', async () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '0.9.0' }) }),
      app: npmLayout({
        'greeter-plugin-chinese': chinese,
        'greeter-plugin-boom': pluginPackage('greeter-plugin-boom', 'x', { source: 'throw new Error("boom");' }),
        'greeter-plugin-old': pluginPackage('greeter-plugin-old', 'x', { coreRange: '^99.0.0' }),
        'greeter-plugin-bad': pluginPackage('greeter-plugin-bad', 'x', { packageJson: { greeterPlugin: { languages: [] } } }),
      }),
    });
    const result = await greeter(path.join(root, 'app'), ['doctor', 'klingon', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const byName = Object.fromEntries(report.plugins.map((plugin: { name: string }) => [plugin.name, plugin]));
    expect(byName['greeter-plugin-boom'].error.code).toBe('GREETER_PLUGIN_LOAD_FAILED');
    expect(byName['greeter-plugin-old'].error.code).toBe('GREETER_PLUGIN_INCOMPATIBLE');
    expect(byName['greeter-plugin-chinese']).toMatchObject({ ok: true, greeting: '你好宇宙' });
    expect(byName['greeter-plugin-chinese'].shadows).toEqual([
      {
        source: 'project',
        version: '0.9.0',
        path: path.join(root, 'node_modules', 'greeter-plugin-chinese'),
        realPath: path.join(root, 'node_modules', 'greeter-plugin-chinese'),
      },
    ]);
    expect(byName['greeter-plugin-bad']).toMatchObject({ status: 'broken', error: { code: 'GREETER_PLUGIN_INVALID' } });
    expect(report.language).toMatchObject({ input: 'klingon', error: { code: 'GREETER_PLUGIN_NOT_FOUND' } });
    expect(report.language.steps).toEqual([{ kind: 'package', packageName: 'greeter-plugin-klingon', verdict: 'not-installed', problem: null }]);
    expect(report.searched.slice(0, 2).map((folder: { path: string }) => folder.path)).toEqual([
      path.join(root, 'app', 'node_modules'),
      path.join(root, 'node_modules'),
    ]);
  });

  it('names the config file, and reports a broken one without stopping', async () => {
    const project = makeTree({ ...npmLayout({ 'greeter-plugin-chinese': chinese }), '.greeterrc.json': '{"default": 3}' });
    const result = await greeter(project, ['doctor', '--json']);
    const report = JSON.parse(result.stdout);
    expect([result.code, report.config.error.code, report.plugins.length > 1]).toEqual([1, 'GREETER_CONFIG_INVALID', true]);
  });
});

describe.concurrent('output hygiene', () => {
  it('ends quietly when stdout is a closed pipe', async () => {
    const project = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));
    const { DEBUG: _debug, ...env } = process.env;
    // `true` exits without reading, so greeter writes into a pipe already closed.
    const result = await run('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" list | true`], { cwd: project, env });
    expect([result.code, result.stderr]).toEqual([0, '']);
  });

  it('creates the stdout stream only when plugin code asks for it, and sends what it writes there to stderr', async () => {
    const project = makeTree({
      ...npmLayout({
        'greeter-plugin-chinese': chinese,
        'greeter-plugin-noisy': pluginPackage('greeter-plugin-noisy', 'x', {
          source: 'export const Greeter = { greet() { console.log("noise-console"); process.stdout.write("noise-write\\n"); return "quiet"; } };',
        }),
      }),
      // Tells on stderr when anything asks Node's own getter for the stream.
      'probe.cjs': `const own = Object.getOwnPropertyDescriptor(process, 'stdout');
let told = false;
Object.defineProperty(process, 'stdout', { ...own, get() { if (!told) require('node:fs').writeSync(2, 'stdout-stream-made\\n'); told = true; return own.get.call(process); } });`,
    });
    const probed = async (language: string) => {
      const result = await run(process.execPath, ['--require', './probe.cjs', bin, language], { cwd: project });
      return { stdout: result.stdout, code: result.code, stderr: result.stderr.split('\n').filter(Boolean) };
    };
    expect(await probed('chinese')).toEqual({ stdout: '你好宇宙\n', code: 0, stderr: [] });
    expect(await probed('noisy')).toEqual({ stdout: 'quiet\n', code: 0, stderr: ['stdout-stream-made', 'noise-console', 'noise-write'] });
  });

  it('writes the result to a stdout file however plugin code left the stdout stream: written to, corked or ended', async () => {
    const plugin = (name: string, body: string) =>
      pluginPackage(`greeter-plugin-${name}`, 'x', {
        source: `import { Writable } from 'node:stream';\nconsole.log('${name}-top');\nexport const Greeter = { greet() { ${body} return '${name}-ok'; } };`,
      });
    const project = makeTree(
      npmLayout({
        'greeter-plugin-logs': plugin('logs', "console.log('logs-greet');"),
        'greeter-plugin-corks': plugin('corks', 'Writable.prototype.cork.call(process.stdout);'),
        'greeter-plugin-ends': plugin('ends', 'Writable.prototype.end.call(process.stdout);'),
      }),
    );
    for (const name of ['logs', 'corks', 'ends']) {
      const file = path.join(project, `${name}.out`);
      const fd = openSync(file, 'w');
      const result = await run(process.execPath, [bin, name, '--json'], { cwd: project, stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      expect({ name, code: result.code, greeting: JSON.parse(readFileSync(file, 'utf8')).greeting }).toEqual({ name, code: 0, greeting: `${name}-ok` });
      expect(result.stderr).toContain(`${name}-top`);
    }
  });

  it('lets everything plugin code wrote out on stderr before it ends', async () => {
    const project = makeTree(
      npmLayout({
        'greeter-plugin-loud': pluginPackage('greeter-plugin-loud', 'x', {
          source: "export const Greeter = { greet() { process.stdout.write('o'.repeat(1 << 20)); console.error('e'.repeat(1 << 20)); return 'loud-ok'; } };",
        }),
      }),
    );
    const result = await run(process.execPath, [bin, 'loud'], { cwd: project });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: 'loud-ok\n' });
    expect([result.stderr.split('o').length - 1, result.stderr.split('e').length - 1]).toEqual([1 << 20, 1 << 20]);
  });

  it('writes no colour codes when NO_COLOR is set or stderr is not a terminal', async () => {
    const result = await greeter(makeTree(), ['klingon'], { FORCE_COLOR: '1' });
    expect(result.stderr).not.toContain('\u001b[');
  });
});

describe.concurrent('a CLI like the best ones', () => {
  const project = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));

  it('shows help per command, as `help <command>` and `<command> --help` alike', async () => {
    const viaHelp = await greeter(project, ['help', 'list']);
    const viaFlag = await greeter(project, ['list', '--help']);
    expect([viaHelp.code, viaHelp.stdout === viaFlag.stdout, viaHelp.stdout.split('\n')[0]]).toEqual([0, true, 'Usage: greeter list [-l|--long]']);
    expect(codeIn((await greeter(project, ['help', 'lsit'])).stderr)).toBe('GREETER_USAGE');
  });

  it('takes a word close to a command for the command, not for a plugin to install', async () => {
    const result = await greeter(project, ['lsit']);
    expect([result.code, codeIn(result.stderr), result.stderr.includes('greeter list'), result.stderr.includes('greeter-plugin-lsit')]).toEqual([
      2,
      'GREETER_USAGE',
      true,
      false,
    ]);
  });

  it('suggests the nearest flag', async () => {
    const result = await greeter(project, ['chinese', '--nam', 'Ada']);
    expect([result.code, codeIn(result.stderr), result.stderr.includes('--name')]).toEqual([2, 'GREETER_USAGE', true]);
  });

  it('colours each stream on its own: forced or not, never JSON', async () => {
    const { NO_COLOR: _off, ...env } = process.env;
    const colored = (args: string[], extra: Record<string, string> = {}) => run(process.execPath, [bin, ...args], { cwd: project, env: { ...env, ...extra } });
    const hasEscape = (text: string) => text.includes('\u001b[');
    expect(hasEscape((await colored(['list'])).stdout)).toBe(false);
    expect(hasEscape((await colored(['list', '--color'])).stdout)).toBe(true);
    expect(hasEscape((await colored(['list'], { FORCE_COLOR: '1' })).stdout)).toBe(true);
    expect(hasEscape((await colored(['list'], { FORCE_COLOR: '0' })).stdout)).toBe(false);
    expect(hasEscape((await colored(['klingon'], { FORCE_COLOR: '1' })).stderr)).toBe(true);
    expect(hasEscape((await colored(['klingon', '--no-color'], { FORCE_COLOR: '1' })).stderr)).toBe(false);
    expect(hasEscape((await colored(['list', '--json', '--color'])).stdout)).toBe(false);
  });

  it('lists a broken copy of a plugin as broken, and a config error with the line and column', async () => {
    const broken = makeTree(
      npmLayout({ 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'x', { packageJson: { greeterPlugin: { languages: 'english' } } }) }),
    );
    const listed = await greeter(broken, ['list']);
    const row = listed.stdout.split('\n').find((line) => line.includes('greeter-plugin-english') && !line.startsWith('broken'));
    expect([listed.code, row?.split(/\s+/).at(-1), listed.stdout.includes('No plugins found')]).toEqual([0, 'broken', false]);
    const config = makeTree({ '.greeterrc.json': '{\n  "default": "chinese",\n  "aliases": { zh: "chinese" }\n}\n' });
    const result = await greeter(config, []);
    expect([result.code, codeIn(result.stderr), /line 3, column \d+/.test(result.stderr)]).toEqual([2, 'GREETER_CONFIG_INVALID', true]);
  });

  it('loads a TypeScript config with top-level await that imports a TypeScript module beside it', async () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': chinese }),
      'shared.ts': 'export const language: string = "zh";\n',
      'greeter.config.ts':
        'import { language } from "./shared.ts";\nconst chosen: string = await Promise.resolve(language);\nexport default { default: chosen };\n',
    });
    expect(await greeter(root, [])).toMatchObject({ stdout: '你好宇宙\n', code: 0 });
  });
});
