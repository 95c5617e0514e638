import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { validate } from '../registry/test-helpers/schemas.js';

// Command words, "default": "auto", help and init, with the built CLI.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

function greeter(cwd: string, args: string[], env: Record<string, string | undefined> = {}, input?: string) {
  const { DEBUG: _debug, LANG: _lang, LC_ALL: _all, LC_MESSAGES: _messages, ...inherited } = process.env;
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...inherited, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

const chinese = pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] });

describe.concurrent('command words', () => {
  const project = makeTree(
    npmLayout({
      'greeter-plugin-chinese': chinese,
      'greeter-plugin-info': pluginPackage('greeter-plugin-info', 'hijacked'),
      'greeter-plugin-sneaky': pluginPackage('greeter-plugin-sneaky', 'hijacked', { languages: ['sneaky', 'list'] }),
    }),
  );

  it('always run the command, even where a plugin claims the word', async () => {
    const info = await greeter(project, ['info', 'zh', '--json', '--registry', 'http://127.0.0.1:9/']);
    expect([info.code, JSON.parse(info.stdout).name]).toEqual([0, 'greeter-plugin-chinese']);
    const listed = JSON.parse((await greeter(project, ['list', '--json'])).stdout);
    expect(listed.plugins.map((plugin: { name: string; status: string }) => [plugin.name, plugin.status]).sort()).toEqual([
      ['greeter-plugin-chinese', 'ok'],
      ['greeter-plugin-english', 'ok'],
      ['greeter-plugin-info', 'broken'],
      ['greeter-plugin-sneaky', 'broken'],
    ]);
    expect((await greeter(project, ['sneaky'])).stdout).toBe('');
  });

  it('kept for later commands are usage errors, never looked up as languages', async () => {
    for (const word of ['trust', 'Config', 'audit']) {
      const result = await greeter(project, [word]);
      expect([word, result.code, codeIn(result.stderr), result.stderr.includes('greeter-plugin-')]).toEqual([word, 2, 'GREETER_USAGE', false]);
    }
  });
});

describe.concurrent('"default": "auto"', () => {
  const project = makeTree({ ...npmLayout({ 'greeter-plugin-chinese': chinese }), '.greeterrc.json': '{"default":"auto"}' });

  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, '你好宇宙'],
    [{ LC_ALL: 'zh_TW.UTF-8', LANG: 'de_DE.UTF-8' }, '你好宇宙'],
    [{ LANG: 'de_DE.UTF-8' }, 'Hello Universe'],
    [{}, 'Hello Universe'],
  ])('with %j greets %s', async (env, greeting) => {
    expect(await greeter(project, [], env)).toMatchObject({ code: 0, stdout: `${greeting}\n` });
  });

  it('is opt-in: without it the locale changes nothing', async () => {
    const plain = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));
    expect(await greeter(plain, [], { LANG: 'zh_CN.UTF-8' })).toMatchObject({ code: 0, stdout: 'Hello Universe\n' });
  });
});

describe.concurrent('help', () => {
  const empty = makeTree();

  it('wraps to 80 columns off a terminal and shows examples for every command', async () => {
    for (const command of ['add', 'outdated', 'update', 'info', 'init', 'completion']) {
      const { stdout } = await greeter(empty, ['help', command]);
      const lines = stdout.split('\n');
      expect({ command, long: lines.filter((line) => line.length > 80), examples: lines.includes('Examples') }).toEqual({ command, long: [], examples: true });
    }
    expect((await greeter(empty, ['--help'])).stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });

  it('suggests -v for -V, names --help for --help=all, and lists typed commands only for help nosuch', async () => {
    const upper = await greeter(empty, ['-V']);
    expect([upper.code, upper.stderr.includes('--version')]).toEqual([2, true]);
    const valued = await greeter(empty, ['--help=all']);
    expect(valued.stderr.split('\n')[0]).toContain('--help takes no value');
    const nosuch = await greeter(empty, ['help', 'nosuch', '--json']);
    expect(JSON.parse(nosuch.stdout).error.hint).not.toMatch(/\bgreet\b/);
  });
});

describe.concurrent('greeter init', () => {
  it('writes .greeterrc.json at the project root with --yes, and refuses to write over a config', async () => {
    const root = makeTree({ 'package.json': '{"name":"p"}', 'src/.keep': '' });
    const result = await greeter(path.join(root, 'src'), ['init', '--yes', '--json']);
    const document = JSON.parse(result.stdout);
    expect([result.code, validate('init', document), document.file]).toEqual([0, [], path.join(root, '.greeterrc.json')]);
    expect(JSON.parse(readFileSync(path.join(root, '.greeterrc.json'), 'utf8'))).toEqual({ default: 'english' });
    const again = await greeter(root, ['init', '--yes']);
    expect([again.code, codeIn(again.stderr)]).toEqual([2, 'GREETER_USAGE']);
    const inPackageJson = makeTree({ 'package.json': '{"name":"p","greeter":{"default":"zh"}}' });
    expect(codeIn((await greeter(inPackageJson, ['init', '--yes'])).stderr)).toBe('GREETER_USAGE');
  });

  it('asks for the default language on a terminal', async () => {
    const root = makeTree({ ...npmLayout({ 'greeter-plugin-chinese': chinese }) });
    // `script` gives greeter a terminal; the answer comes through it.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} init`;
    const result = await new Promise<number | null>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let seen = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        seen += chunk;
        if (seen.includes('Default language')) child.stdin.end('auto\n');
      });
      child.on('close', resolve);
    });
    expect([result, JSON.parse(readFileSync(path.join(root, '.greeterrc.json'), 'utf8'))]).toEqual([0, { default: 'auto' }]);
  });
});
