import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';

// The built CLI, as a project installs it: node_modules/.bin/greeter, and no greeter on PATH.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

const project = makeTree({
  ...npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] }) }),
  'node_modules/.bin/greeter': `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n`,
  'sub/package.json': '{"name":"sub"}',
  'sub/node_modules/greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej', { languages: ['swedish', 'sv'] }),
  'src/deep/.keep': '',
});
chmodSync(path.join(project, 'node_modules/.bin/greeter'), 0o755);
const cache = makeTree();
// Its own cache folder, by XDG_CACHE_HOME: the suite-wide GREETER_CACHE_DIR would share other tests' searches.
const { GREETER_CACHE_DIR: _shared, ...npmEnv } = cleanNpmEnv();
const env = { ...npmEnv, PATH: '/usr/bin:/bin', XDG_CACHE_HOME: cache };

function greeter(args: string[], cwd = project) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

describe('greeter __complete', () => {
  it('answers one word per line and what the shell should do last, honouring --cwd', () => {
    expect(greeter(['__complete', '--', 'ch']).stdout).toBe('chinese\n:words\n');
    expect(greeter(['__complete', '--', '--cwd', 'sub', 'sw']).stdout).toBe('swedish\n:words\n');
    expect(greeter(['__complete', '--', '--cwd', '']).stdout).toBe(':folders\n');
  });

  let registry: FakeRegistry;
  beforeAll(async () => {
    registry = await startFakeRegistry([publishedPlugin('greeter-plugin-esperanto', '1.0.0', '>=0.0.0', "'Saluton'")]);
  });
  afterAll(() => registry?.close());

  it('completes add with the plugins a search found', async () => {
    const before = greeter(['__complete', '--', 'add', 'es']).stdout;
    const searched = await runCli(bin, project, ['search'], { ...env, npm_config_registry: registry.url });
    expect(searched.code).toBe(0);
    expect([before, greeter(['__complete', '--', 'add', 'es']).stdout]).toEqual([':words\n', 'esperanto\n:words\n']);
  });
});

describe('greeter completion', () => {
  it('refuses a shell it has no script for', () => {
    const refused = greeter(['completion', 'tcsh']);
    expect([refused.code, codeIn(refused.stderr), refused.stdout]).toEqual([2, 'GREETER_USAGE', '']);
  });

  /** What the bash script offers for a command line whose last word is being typed, run from `cwd`. */
  function bashComplete(words: string[], cwd = project): string[] {
    const script = [
      `eval "$(${JSON.stringify(path.join(project, 'node_modules/.bin/greeter'))} completion bash)"`,
      `COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_greeter_completion',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const result = spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  }

  it("completes in bash through the project's own greeter, from a folder deep in the project", () => {
    const deep = path.join(project, 'src/deep');
    expect(bashComplete(['greeter', 'chi'], deep)).toEqual(['chinese']);
    expect(bashComplete(['greeter', 'li'], deep)).toEqual(['list']);
    expect(bashComplete(['greeter', 'list', '--lo'], deep)).toEqual(['--long']);
    expect(bashComplete(['greeter', '--cwd', 'sub', 'sw'])).toEqual(['swedish']);
    expect(bashComplete(['greeter', '--cwd', 'su'])).toEqual(['sub']);
  });

  // zsh and fish are not on this machine (its Debian packages cannot be
  // installed here, and the npm registry has no build of either): these run
  // where they are.
  it.skipIf(!hasShell('zsh'))('completes the same in zsh (compadd stubbed to print its words)', () => {
    const complete = (words: string[]) => {
      const script = [
        `eval "$(${JSON.stringify(path.join(project, 'node_modules/.bin/greeter'))} completion zsh)"`,
        'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }',
        `words=(${words.map((word) => `'${word}'`).join(' ')}); CURRENT=${words.length}`,
        '_greeter',
      ].join('\n');
      return spawnSync('zsh', ['-c', script], { cwd: project, env, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    };
    expect(complete(['greeter', 'chi'])).toEqual(['chinese']);
    expect(complete(['greeter', 'list', '--lo'])).toEqual(['--long']);
  });

  it.skipIf(!hasShell('fish'))('completes the same in fish', () => {
    const complete = (line: string) => {
      const load = `${JSON.stringify(path.join(project, 'node_modules/.bin/greeter'))} completion fish | source`;
      const result = spawnSync('fish', ['-c', `${load}; complete -C ${JSON.stringify(line)}`], { cwd: project, env, encoding: 'utf8' });
      return result.stdout
        .split('\n')
        .filter(Boolean)
        .map((row) => row.split('\t')[0]);
    };
    expect(complete('greeter chi')).toEqual(['chinese']);
    expect(complete('greeter list --lo')).toEqual(['--long']);
  });
});

function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}
