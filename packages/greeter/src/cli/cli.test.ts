import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees } from '@greeter/fixtures';
import { greeter } from './test-helpers/run-cli.js';

// The seed table, errors and broken plugins, with the built CLI as a user runs it.
afterAll(removeTrees);

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

  it.each(['../x', 'a b', 'x\\y', '%41', 'zh\u001b[31m'])('greeter update refuses the name %j as add does, exit 2, never echoing it raw', async (name) => {
    const result = await greeter(project, ['update', name]);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([2, 'GREETER_INVALID_NAME', '']);
    expect(result.stderr).not.toContain('\u001b');
  });

  it('greeter update english says english is built into greeter, not that it is missing', async () => {
    const result = await greeter(makeTree({ 'package.json': '{"name":"p"}' }), ['update', 'english', '--json']);
    const { error } = JSON.parse(result.stdout);
    expect([result.code, error.code]).toEqual([1, 'GREETER_PLUGIN_NOT_FOUND']);
    expect(error.message).toContain('built into greeter');
    expect(error.hint).toContain('greeter@latest');
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
