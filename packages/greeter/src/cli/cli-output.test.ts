import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { bin, greeter, run } from './test-helpers/run-cli.js';

// Config, help, isolation, doctor and output hygiene, with the built CLI as a user runs it.
afterAll(removeTrees);

const chinese = pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh', '中文'] });
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
      const result = await run(process.execPath, ['--require', './probe.cjs', bin, language, '--no-isolate'], { cwd: project });
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
    const result = await run(process.execPath, [bin, 'loud', '--no-isolate'], { cwd: project });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: 'loud-ok\n' });
    expect([result.stderr.split('o').length - 1, result.stderr.split('e').length - 1]).toEqual([1 << 20, 1 << 20]);
  });

  it('writes no colour codes when NO_COLOR is set or stderr is not a terminal', async () => {
    const result = await greeter(makeTree(), ['klingon'], { FORCE_COLOR: '1' });
    expect(result.stderr).not.toContain('\u001b[');
  });
});
