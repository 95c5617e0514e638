import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ScaffoldContext, ScaffoldStep } from '../context.js';
import { placeholders, repositoryUrl } from '../placeholders.js';

/**
 * Who the author is and where the source lives, as `npm init` finds them:
 * npm's `init-author-name`, `init-author-email` and `init-author-url`, else
 * git's `user.name` and `user.email`; the repository from the git remote
 * `origin` of the folder the plugin is created in (with the plugin's
 * folder in it as `directory`). What is not found stays a placeholder that
 * stands out.
 */
export const readAuthorship: ScaffoldStep = (context) => {
  const npm = readNpmInit(context.env);
  const git = (key: string) => gitOutput(context, ['config', '--get', key]);
  const name = npm['init-author-name'] ?? git('user.name');
  const email = npm['init-author-email'] ?? git('user.email');
  context.authorship = {
    author: {
      name: name ?? placeholders.authorName,
      email: email ?? (name === undefined ? placeholders.authorEmail : undefined),
      url: npm['init-author-url'],
    },
    repository: remoteRepository(context) ?? { type: 'git', url: repositoryUrl(context.packageName.slice(context.packageName.indexOf('/') + 1)) },
  };
};

/** `init-author-*` from npm's environment variables, else its user config (also in the legacy `init.author.name` form). */
function readNpmInit(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const file = env['npm_config_userconfig'] || path.join(env['HOME'] || homedir(), '.npmrc');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No user config: nothing set there.
  }
  const settings: Record<string, string | undefined> = {};
  for (const key of ['init-author-name', 'init-author-email', 'init-author-url']) {
    const fromEnv = env[`npm_config_${key.replaceAll('-', '_')}`];
    const pattern = new RegExp(`^\\s*(?:${key}|${key.replaceAll('-', '.')})\\s*=\\s*(.*?)\\s*$`, 'm');
    const value = fromEnv || pattern.exec(text)?.[1]?.replace(/^"(.*)"$/, '$1');
    if (value) settings[key] = value;
  }
  return settings;
}

// origin's URL as npm writes it (git+https://…, git+ssh://…), and where the plugin lies in that repository.
function remoteRepository(context: ScaffoldContext): ScaffoldContext['authorship']['repository'] | undefined {
  const remote = gitOutput(context, ['remote', 'get-url', 'origin']);
  const top = gitOutput(context, ['rev-parse', '--show-toplevel']);
  if (remote === undefined || top === undefined) return undefined;
  const scp = /^([^@/\s]+@[^:/\s]+):(.+)$/.exec(remote);
  const url = scp ? `git+ssh://${scp[1]}/${scp[2]}` : remote.startsWith('git+') || remote.startsWith('git:') ? remote : `git+${remote}`;
  const directory = path.relative(top, context.targetDir).split(path.sep).join('/');
  return directory === '' ? { type: 'git', url } : { type: 'git', url, directory };
}

function gitOutput(context: ScaffoldContext, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd: context.cwd, env: { ...context.env, LC_ALL: 'C' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const output = result.status === 0 ? result.stdout.trim() : '';
  return output === '' ? undefined : output;
}
