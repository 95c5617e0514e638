import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, rejectionCode, removeTrees } from '@greeter/fixtures';
import { scaffold } from './scaffold.js';

afterAll(removeTrees);

/** An environment with no npm or git config of the user's: a home of its own, no system or global git config. */
function isolatedEnv(files: Record<string, string> = {}): Record<string, string> {
  const home = makeTree(files);
  return { PATH: process.env['PATH'] ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig') };
}

describe('scaffold', () => {
  it('creates a plugin package with the contract filled in, and prints three next commands', async () => {
    const cwd = makeTree();
    const lines: string[] = [];
    await scaffold({ language: 'Esperanto' }, { cwd, packageManager: 'pnpm', print: (line) => lines.push(line) });
    const dir = path.join(cwd, 'greeter-plugin-esperanto');
    expect(readdirSync(dir).sort()).toEqual([
      '.changeset',
      '.github',
      '.gitignore',
      'LICENSE',
      'README.md',
      'package.json',
      'src',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
    const packageJson = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(packageJson).toMatchObject({
      name: 'greeter-plugin-esperanto',
      description: expect.stringContaining('Esperanto'),
      keywords: expect.arrayContaining(['greeter-plugin']),
      greeterPlugin: { languages: ['esperanto'] },
      exports: { '.': { default: './dist/index.js' } },
      files: ['dist', '!dist/**/*.test.*'],
      scripts: { build: expect.any(String), test: expect.any(String) },
      peerDependencies: { '@greeter/core': expect.stringMatching(/^\^\d/) },
      peerDependenciesMeta: { '@greeter/core': { optional: true } },
      devDependencies: { '@greeter/core': expect.any(String), '@greeter/testkit': expect.any(String) },
    });
    expect(readFileSync(path.join(dir, 'src', 'index.test.ts'), 'utf8')).toContain('@greeter/testkit');
    expect(lines.slice(-3)).toEqual(['  cd greeter-plugin-esperanto', '  pnpm install', '  pnpm run test']);
  });

  it('writes a Greeter that imports only types from @greeter/core', async () => {
    const { files } = await scaffold({ language: 'klingon', dryRun: true }, { cwd: makeTree() });
    const source = files.get('src/index.ts')!;
    const coreImports = source.split('\n').filter((line) => line.includes("'@greeter/core'"));
    expect(coreImports).toEqual(["import type { Greeter as GreeterPlugin } from '@greeter/core';"]);
    expect(source).toMatch(/^export const Greeter = \{$/m);
    expect(source).toMatch(/^\} satisfies GreeterPlugin;$/m);
  });

  it('writes an MIT LICENSE with the year and the author placeholder that package.json names', async () => {
    const { files } = await scaffold({ language: 'klingon', dryRun: true }, { cwd: makeTree(), now: new Date('2031-06-01T12:00:00Z'), env: isolatedEnv() });
    const packageJson = JSON.parse(files.get('package.json')!);
    const license = files.get('LICENSE')!;
    expect([packageJson.license, license.split('\n')[0]]).toEqual(['MIT', 'MIT License']);
    expect(license).toContain(`Copyright (c) 2031 ${packageJson.author.replace(/ <.*>$/, '')}`);
  });

  it('fills author and repository with placeholders in the shape npm publishes unchanged, where nothing names them', async () => {
    const { files } = await scaffold({ language: 'klingon', scope: '@acme', dryRun: true }, { cwd: makeTree(), env: isolatedEnv() });
    const packageJson = JSON.parse(files.get('package.json')!);
    expect(packageJson.author).toMatch(/^[^<>]+ <[^@<>\s]+@example\.com>$/);
    expect(packageJson.repository).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/[A-Z-]+\/greeter-plugin-klingon\.git$/) });
  });

  it("takes the author from git's user.name and user.email, and the repository from the remote origin", async () => {
    const env = isolatedEnv({ '.gitconfig': '[user]\n  name = Ada Lovelace\n  email = ada@example.org\n' });
    const cwd = makeTree();
    const git = (args: string[]) => expect(spawnSync('git', args, { cwd, env }).status).toBe(0);
    git(['init', '-q']);
    git(['remote', 'add', 'origin', 'git@github.com:ada/greeter-plugins.git']);
    const { files } = await scaffold({ language: 'klingon', dir: 'plugins/klingon', dryRun: true }, { cwd, env });
    const packageJson = JSON.parse(files.get('package.json')!);
    expect([packageJson.author, packageJson.repository]).toEqual([
      'Ada Lovelace <ada@example.org>',
      { type: 'git', url: 'git+ssh://git@github.com/ada/greeter-plugins.git', directory: 'plugins/klingon' },
    ]);
    expect(files.get('LICENSE')).toContain('Ada Lovelace');
  });

  it("prefers npm's init-author-name, init-author-email and init-author-url to git's", async () => {
    const env = isolatedEnv({
      '.gitconfig': '[user]\n  name = Git Name\n',
      '.npmrc': 'init-author-name=Grace Hopper\ninit.author.email=grace@example.org\n',
    });
    const { files } = await scaffold(
      { language: 'klingon', dryRun: true },
      { cwd: makeTree(), env: { ...env, npm_config_init_author_url: 'https://grace.example' } },
    );
    expect(JSON.parse(files.get('package.json')!).author).toBe('Grace Hopper <grace@example.org> (https://grace.example)');
  });

  it('writes the greeting given, its test expecting it, and asks for it on a terminal', async () => {
    const given = await scaffold({ language: 'esperanto', greeting: 'Saluton Universo', dryRun: true }, { cwd: makeTree(), env: isolatedEnv() });
    expect(given.files.get('src/index.test.ts')).toContain(`{ expected: "Saluton Universo" }`);
    expect(given.files.get('src/index.test.ts')).toContain(`expected: "Saluton Ada"`);
    expect(given.files.get('README.md')).toContain('$ greeter esperanto\nSaluton Universo\n');
    const questions: string[] = [];
    const ask = async (question: string) => {
      questions.push(question);
      return '你好宇宙';
    };
    const asked = await scaffold({ language: 'chinese', dryRun: true }, { cwd: makeTree(), env: isolatedEnv(), ask });
    expect(questions).toEqual(['How does Chinese greet the universe? (Hello Universe) ']);
    expect(asked.files.get('src/index.ts')).toContain('const hello = "你好宇宙";');
    expect(asked.files.get('src/index.test.ts')).toContain(`expected: "你好宇宙 Ada"`);
  });

  it('refuses a language that is a greeter command word, and a greeting with control characters', async () => {
    const cwd = makeTree();
    for (const language of ['list', 'info', '@acme/update']) expect(await rejectionCode(scaffold({ language }, { cwd }))).toBe('GREETER_INVALID_NAME');
    expect(await rejectionCode(scaffold({ language: 'pirate', greeting: 'Ahoy\u001b[2J' }, { cwd }))).toBe('GREETER_USAGE');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes a README about its own language and no other', async () => {
    const { files } = await scaffold({ language: 'klingon', dryRun: true }, { cwd: makeTree() });
    const readme = files.get('README.md')!;
    expect(readme).toContain('greeter klingon');
    expect(readme).toContain('Klingon');
    for (const other of ['esperanto', 'eo', 'english', 'en', 'chinese', 'zh', 'swedish', 'russian']) {
      expect(readme, other).not.toMatch(new RegExp(`\\b${other}\\b`, 'i'));
    }
  });

  it('writes commands of the package manager that ran it, script runs included', async () => {
    const { files } = await scaffold({ language: 'klingon', dryRun: true }, { cwd: makeTree(), packageManager: 'bun' });
    expect(files.get('README.md')).toContain('bun run test');
    expect(files.get('.changeset/README.md')).toContain('bun run changeset');
  });

  it('releases from CI with provenance: changesets, `npm publish --provenance`, an OIDC token, and a README that says what it buys', async () => {
    const { files } = await scaffold({ language: 'klingon', dryRun: true }, { cwd: makeTree(), packageManager: 'pnpm' });
    const workflow = files.get('.github/workflows/release.yml')!;
    expect(workflow).toMatch(/^permissions:\n(?: {2}.*\n)*? {2}id-token: write\b/m);
    expect(workflow).toMatch(/^ {10}NPM_CONFIG_PROVENANCE: true$/m);
    expect(workflow).toContain('uses: changesets/action@v1');
    for (const line of ['run: pnpm install', 'run: pnpm run test', 'version: pnpm run version-packages', 'publish: pnpm run release'])
      expect(workflow).toContain(line);
    // GitHub's own expressions are left for GitHub to fill in.
    expect(workflow).toMatch(/\$\{\{ secrets\.NPM_TOKEN \}\}/);
    expect(workflow).not.toMatch(/\{\{[\w.]+\}\}/);
    expect(files.get('README.md')).toMatch(/npm publish --provenance[\s\S]*greeter add` verifies it/);
  });

  it('scopes the package from the argument, in a folder named without the scope', async () => {
    const cwd = makeTree();
    const result = await scaffold({ language: '@acme/klingon' }, { cwd });
    expect([result.packageName, result.targetDir]).toEqual(['@acme/greeter-plugin-klingon', path.join(cwd, 'greeter-plugin-klingon')]);
    expect(JSON.parse(readFileSync(path.join(result.targetDir, 'package.json'), 'utf8')).name).toBe('@acme/greeter-plugin-klingon');
  });

  it('refuses two different scopes before writing anything', async () => {
    const cwd = makeTree();
    expect(await rejectionCode(scaffold({ language: '@acme/klingon', scope: '@other' }, { cwd }))).toBe('GREETER_USAGE');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('scopes the package with --scope and writes into --dir', async () => {
    const cwd = makeTree();
    const result = await scaffold({ language: 'klingon', scope: 'acme', dir: 'plugins/tlh' }, { cwd });
    expect(result.packageName).toBe('@acme/greeter-plugin-klingon');
    const packageJson = JSON.parse(readFileSync(path.join(cwd, 'plugins/tlh/package.json'), 'utf8'));
    expect([packageJson.name, packageJson.publishConfig.access]).toEqual(['@acme/greeter-plugin-klingon', 'public']);
  });

  it('lists the files with --dry-run and writes nothing', async () => {
    const cwd = makeTree();
    const lines: string[] = [];
    await scaffold({ language: 'pirate', dryRun: true }, { cwd, print: (line) => lines.push(line) });
    expect(existsSync(path.join(cwd, 'greeter-plugin-pirate'))).toBe(false);
    expect(lines).toContain('  package.json');
  });

  it('refuses a non-empty folder and invalid names before writing anything', async () => {
    const cwd = makeTree({ 'greeter-plugin-pirate/keep.txt': 'mine' });
    expect(await rejectionCode(scaffold({ language: 'pirate' }, { cwd }))).toBe('GREETER_USAGE');
    for (const language of ['../x', 'a.b', 'a b', '中文', '']) {
      expect(await rejectionCode(scaffold({ language }, { cwd }))).toBe('GREETER_INVALID_NAME');
    }
    expect(await rejectionCode(scaffold({ language: 'pirate', scope: '@Bad Scope', dir: 'other' }, { cwd }))).toBe('GREETER_USAGE');
    expect(readdirSync(cwd)).toEqual(['greeter-plugin-pirate']);
  });

  it('stops when the user answers no', async () => {
    const cwd = makeTree();
    expect(await rejectionCode(scaffold({ language: 'pirate' }, { cwd, confirm: async () => false }))).toBe('GREETER_USAGE');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
