import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isGreeterError } from '@greeter/core';
import { makeTree, pendingPromiseSource, rejectionCode, removeTrees, stopPendingTimers, writeTree } from '@greeter/fixtures';
import { configSearchPlaces, findConfig, loadConfigFile, parserReason } from './find-config.js';

afterAll(removeTrees);

// A config module may leave a timer pending; it is stopped after each test.
afterEach(stopPendingTimers);

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (isGreeterError(error) ? error : undefined),
  );

// The parser's reason keeps where it stopped: js-yaml's line and column, or JSON's position.
const position = /\(line \d+, column \d+\)|position \d+|line \d+ column \d+/;

describe('findConfig', () => {
  it('returns null when there is no config', async () => {
    expect(await findConfig(makeTree({ 'package.json': '{"name":"x"}' }))).toBeNull();
  });

  const contents: Record<(typeof configSearchPlaces)[number], string> = {
    'package.json': '{"name":"x","greeter":{"default":"chinese"}}',
    '.greeterrc': 'default: chinese\n',
    '.greeterrc.json': '{"default":"chinese"}',
    '.greeterrc.yaml': 'default: chinese\n',
    '.greeterrc.yml': 'default: chinese\n',
    '.greeterrc.js': 'module.exports = { default: "chinese" };',
    '.greeterrc.cjs': 'module.exports = { default: "chinese" };',
    '.greeterrc.mjs': 'export default { default: "chinese" };',
    '.greeterrc.ts': 'const language: string = "chinese";\nexport default { default: language };',
    'greeter.config.js': 'module.exports = { default: "chinese" };',
    'greeter.config.cjs': 'module.exports = { default: "chinese" };',
    'greeter.config.mjs': 'export default { default: "chinese" };',
    'greeter.config.ts': 'const language: string = "chinese";\nexport default { default: language };',
  };

  it.each(configSearchPlaces)('loads %s', async (file) => {
    const root = makeTree({ [file]: contents[file] });
    expect(await findConfig(root)).toEqual({ config: { default: 'chinese' }, filepath: path.join(root, file) });
  });

  it('reads JSON in a .greeterrc as well as YAML', async () => {
    const root = makeTree({ '.greeterrc': '{"default":"zh"}' });
    expect((await findConfig(root))?.config).toEqual({ default: 'zh' });
  });

  it('takes the first place of a folder in the documented order', async () => {
    const all = makeTree(Object.fromEntries(configSearchPlaces.map((place) => [place, contents[place]])));
    expect((await findConfig(all))?.filepath).toBe(path.join(all, 'package.json'));
    const noKey = makeTree({ 'package.json': '{"name":"x"}', '.greeterrc.json': '{"default":"zh"}', 'greeter.config.mjs': 'export default {};' });
    expect((await findConfig(noKey))?.filepath).toBe(path.join(noKey, '.greeterrc.json'));
  });

  it('searches upward, and the nearer folder wins', async () => {
    const root = makeTree({
      '.greeterrc.json': '{"autoDiscover":false}',
      'app/package.json': '{"name":"app"}',
      'app/src/.keep': '',
      'other/.greeterrc.yaml': 'default: zh\n',
    });
    expect((await findConfig(path.join(root, 'app', 'src')))?.filepath).toBe(path.join(root, '.greeterrc.json'));
    expect((await findConfig(path.join(root, 'other')))?.filepath).toBe(path.join(root, 'other', '.greeterrc.yaml'));
  });

  it('reads a package.json that starts with a byte-order mark', async () => {
    const root = makeTree({ 'package.json': '\uFEFF{"name":"x","greeter":{"default":"zh"}}' });
    expect((await findConfig(root))?.config).toEqual({ default: 'zh' });
  });

  it('reads a .greeterrc.json that starts with a byte-order mark', async () => {
    const root = makeTree({ '.greeterrc.json': '\uFEFF{"default":"zh"}' });
    await expect(findConfig(root)).resolves.toMatchObject({ config: { default: 'zh' } });
  });

  it('passes over a package.json that does not parse, with a warning naming it, and keeps searching', async () => {
    const root = makeTree({ '.greeterrc.json': '{"default":"zh"}', 'app/package.json': '{"name": "app",' });
    const warnings: string[] = [];
    const found = await findConfig(path.join(root, 'app'), { onWarning: (message) => warnings.push(message) });
    expect(found?.filepath).toBe(path.join(root, '.greeterrc.json'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path.join(root, 'app', 'package.json'));
  });

  it('reports an empty config file as an empty config', async () => {
    const root = makeTree({ '.greeterrc.yaml': '' });
    expect((await findConfig(root))?.config).toEqual({});
  });

  describe('a file that does not parse', () => {
    it.each([
      ['.greeterrc.json', '{"default": \n  "zh",, }'],
      ['.greeterrc.yaml', 'default: [zh\n'],
      ['.greeterrc', 'default: "zh\n'],
    ])('%s is invalid, with the file and the position where parsing stopped', async (file, content) => {
      const root = makeTree({ [file]: content });
      const error = await errorOf(findConfig(root));
      expect(error?.code).toBe('GREETER_CONFIG_INVALID');
      expect(error?.message).toContain(path.join(root, file));
      expect(error?.message).toMatch(position);
    });

    it.each([
      ['a missing property', '{"name": "x",\n'],
      ['an unexpected token', '{"name": }'],
    ])('given as the config file, a package.json with %s is invalid, with the position', async (_what, content) => {
      const root = makeTree({ 'package.json': content });
      const error = await errorOf(loadConfigFile(path.join(root, 'package.json')));
      expect(error?.code).toBe('GREETER_CONFIG_INVALID');
      expect(error?.message).toMatch(position);
    });
  });

  it('names the file of a config of the wrong shape', async () => {
    const root = makeTree({ 'package.json': '{"greeter":{"plugins":"chinese"}}' });
    const error = await errorOf(findConfig(root));
    expect(error?.code).toBe('GREETER_CONFIG_INVALID');
    expect(error?.message).toContain(path.join(root, 'package.json'));
  });

  it('loads an explicit file, and reports a missing one or a package.json without a "greeter" key', async () => {
    const root = makeTree({ 'custom.json': '{"default":"swedish"}', 'package.json': '{"name":"x"}' });
    expect((await loadConfigFile(path.join(root, 'custom.json')))?.config).toEqual({ default: 'swedish' });
    expect(await rejectionCode(loadConfigFile(path.join(root, 'missing.json')))).toBe('GREETER_CONFIG_INVALID');
    expect(await rejectionCode(loadConfigFile(path.join(root, 'package.json')))).toBe('GREETER_CONFIG_INVALID');
  });
});

describe('a config module', () => {
  it('in TypeScript may import its own TypeScript files', async () => {
    const root = makeTree({
      'greeter.config.ts': 'import { language } from "./shared.ts";\nexport default { default: language };',
      'shared.ts': 'export const language: string = "chinese";',
    });
    expect((await findConfig(root))?.config).toEqual({ default: 'chinese' });
  });

  it('in TypeScript may use top-level await', async () => {
    const root = makeTree({ 'greeter.config.ts': 'const language: string = await Promise.resolve("chinese");\nexport default { default: language };' });
    expect((await findConfig(root))?.config).toEqual({ default: 'chinese' });
  });

  it.each([
    ['calls process.exit', '.greeterrc.cjs', 'process.exit(0);'],
    ['throws', '.greeterrc.mjs', 'throw new Error("broken config");'],
    ['throws null', '.greeterrc.mjs', 'throw null;'],
    ['has a syntax error', '.greeterrc.mjs', 'export default {'],
    ['in TypeScript throws', 'greeter.config.ts', 'throw new Error("broken config");'],
    [
      'throws what looks like a GreeterError of another code',
      '.greeterrc.mjs',
      'const error = new Error("x"); error.code = "GREETER_PLUGIN_NOT_FOUND"; error[Symbol.for("greeter.error")] = true; throw error;',
    ],
  ])('that %s is an invalid config', async (_what, file, source) => {
    const root = makeTree({ [file]: source });
    expect(await rejectionCode(findConfig(root))).toBe('GREETER_CONFIG_INVALID');
  });

  it('that does not finish loading in time is an invalid config', async () => {
    const root = makeTree({ '.greeterrc.mjs': `await ${pendingPromiseSource};\nexport default {};` });
    expect(await rejectionCode(findConfig(root, { timeoutMs: 50 }))).toBe('GREETER_CONFIG_INVALID');
  });

  it('writes nothing to stdout, whatever it prints', () => {
    const stages = new URL('../../dist/stages.js', import.meta.url).href;
    const root = makeTree({
      '.greeterrc.cjs':
        'console.log("config-console"); process.stdout.write("config-stdout\\n"); require("node:fs").writeSync(1, "config-writeSync\\n"); module.exports = { default: "zh" };',
    });
    writeTree(root, {
      'main.mjs': `
        const write = process.stdout.write;
        const { findConfig } = await import(${JSON.stringify(stages)});
        const found = await findConfig(${JSON.stringify(root)});
        write.call(process.stdout, JSON.stringify(found.config) + '\\n');
      `,
    });
    const child = spawnSync(process.execPath, [path.join(root, 'main.mjs')], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stdout).toBe('{"default":"zh"}\n');
    expect(['config-console', 'config-stdout', 'config-writeSync'].filter((line) => !child.stderr.split('\n').includes(line))).toEqual([]);
  });
});

describe('parserReason', () => {
  it("keeps js-yaml's reason with a one-based line and column", () => {
    const error = Object.assign(new Error('bad'), { reason: 'unexpected end', mark: { line: 1, column: 0 } });
    expect(parserReason(error)).toMatch(/\(line 2, column 1\)/);
  });

  it('renders any other value without control characters', () => {
    expect(parserReason('bad\u001b[31m value')).not.toMatch(/\p{Cc}/u);
  });
});
