import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';

// The built CLI, on PATH as `greeter`, as a user's shell would find it.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

const binDir = makeTree({ greeter: `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n` });
chmodSync(path.join(binDir, 'greeter'), 0o755);
const project = makeTree(npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] }) }));
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };

function greeter(args: string[]) {
  const result = spawnSync('greeter', args, { cwd: project, env, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** What the bash completion offers for a command line whose last word is being typed. */
function bashComplete(words: string[]): string[] {
  const script = [
    'eval "$(greeter completion bash)"',
    `COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_greeter_completion',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['-c', script], { cwd: project, env, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean);
}

describe('greeter completion', () => {
  it('completes languages installed here, asked for at completion time', () => {
    expect(bashComplete(['greeter', 'chi'])).toEqual(['chinese']);
    expect(bashComplete(['greeter', 'doctor', 'z'])).toEqual(['zh']);
  });

  it('completes commands, leaving out hidden ones', () => {
    expect(bashComplete(['greeter', 'li'])).toEqual(['list']);
    expect(bashComplete(['greeter', ''])).not.toContain('__languages');
    expect(bashComplete(['greeter', 'help', 'se'])).toEqual(['search']);
    expect(bashComplete(['greeter', 'completion', 'f'])).toEqual(['fish']);
  });

  it("completes each command's flags and the global ones", () => {
    expect(bashComplete(['greeter', 'list', '--lo'])).toEqual(['--long']);
    expect(bashComplete(['greeter', 'add', '--gl'])).toEqual(['--global']);
    expect(bashComplete(['greeter', '--cwd', '.', 'list', '--j'])).toEqual(['--json']);
    expect(bashComplete(['greeter', 'list', '--na'])).toEqual([]);
    expect(bashComplete(['greeter', '--na'])).toEqual(['--name']);
  });

  it('refuses a shell it has no script for', () => {
    const refused = greeter(['completion', 'tcsh']);
    expect([refused.code, codeIn(refused.stderr), refused.stdout]).toEqual([2, 'GREETER_USAGE', '']);
  });

  // zsh and fish are not on every machine: these run where they are.
  it.skipIf(!hasShell('zsh'))('completes the same in zsh (compadd stubbed to print its words)', () => {
    const complete = (words: string[]) => {
      const script = [
        'eval "$(greeter completion zsh)"',
        'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" | grep -- "^$PREFIX" }',
        `words=(${words.map((word) => `'${word}'`).join(' ')}); CURRENT=${words.length}; PREFIX='${words.at(-1)}'`,
        '_greeter',
      ].join('\n');
      const result = spawnSync('zsh', ['-c', script], { cwd: project, env, encoding: 'utf8' });
      return result.stdout.split('\n').filter(Boolean);
    };
    expect(complete(['greeter', 'chi'])).toEqual(['chinese']);
    expect(complete(['greeter', 'li'])).toEqual(['list']);
    expect(complete(['greeter', 'list', '--lo'])).toEqual(['--long']);
  });

  it.skipIf(!hasShell('fish'))('completes the same in fish', () => {
    const complete = (line: string) => {
      const result = spawnSync('fish', ['-c', `greeter completion fish | source; complete -C ${JSON.stringify(line)}`], {
        cwd: project,
        env,
        encoding: 'utf8',
      });
      return result.stdout
        .split('\n')
        .filter(Boolean)
        .map((row) => row.split('\t')[0]);
    };
    expect(complete('greeter chi')).toEqual(['chinese']);
    expect(complete('greeter li')).toEqual(['list']);
    expect(complete('greeter list --lo')).toEqual(['--long']);
  });
});

function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}
