import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTree } from '@greeter/fixtures';
import { jsonOutcome, projectGreeter, publishFolders, setupEnv } from '../project.js';
import { runBoundedAsync, runOkAsync, type Bounded } from '../shell.js';
import { nodeBinary, toolEnv, type NodeMajor } from '../tools.js';

// The project the attacks run in: an npm workspace (npm links its
// workspace packages into node_modules, and satisfies a dependency on one
// of them with that link) holding what a plugin would be after — src/,
// .env, a workspace package's sources — each with a secret of its own, and
// greeter with the hostile plugins of fixtures/attacks/ installed from the
// suite's registry.

const fixtures = fileURLToPath(new URL('../../fixtures/attacks/', import.meta.url));

/** Runs greeter (without blocking, so a server in the test can answer), in the project unless told otherwise. */
export type AsyncGreeter = (args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }) => Promise<Bounded>;

/** The installed attack project. */
export interface AttackProject {
  root: string;
  /** The secrets planted in the project: in src/secret.js, in .env, and in the workspace package's src/secret.js. */
  secrets: { src: string; dotenv: string; workspace: string };
  /** The project's greeter on the machine's Node.js (20). */
  greeter: AsyncGreeter;
}

/** A fresh secret: a value that appears nowhere unless something read it. */
export function newSecret(label: string): string {
  return `${label}-secret-${randomUUID()}`;
}

/** Publishes the hostile plugins and installs them with greeter in a new attack project. */
export async function installAttackProject(env: NodeJS.ProcessEnv): Promise<AttackProject> {
  const secrets = { src: newSecret('src'), dotenv: newSecret('dotenv'), workspace: newSecret('workspace') };
  const root = makeTree({
    'package.json': JSON.stringify({ name: 'attacked-app', version: '1.0.0', private: true, workspaces: ['packages/*'] }),
    'src/secret.js': `export const apiKey = '${secrets.src}';\n`,
    '.env': `API_KEY=${secrets.dotenv}\n`,
    'packages/user-secrets/package.json': JSON.stringify({ name: '@acme/user-secrets', version: '1.0.0', main: 'src/secret.js' }),
    'packages/user-secrets/src/secret.js': `module.exports = '${secrets.workspace}';\n`,
  });
  const folders = readdirSync(fixtures).map((name) => path.join(fixtures, name));
  await publishFolders(folders, env);
  const plugins = readdirSync(fixtures).filter((name) => name.startsWith('greeter-plugin-'));
  await runOkAsync('npm', ['install', '--no-audit', '--no-fund', 'greeter', ...plugins], root, setupEnv(env));
  return { root, secrets, greeter: greeterAsync([projectGreeter(root)], root, env) };
}

/** A greeter started as `start` (its executable, or node and its bin), with `env` under each run's own variables. */
export function greeterAsync(start: string[], root: string, env: NodeJS.ProcessEnv): AsyncGreeter {
  const [command, ...args] = start;
  return (more, options = {}) => runBoundedAsync(command!, [...args, ...more], options.cwd ?? root, { ...env, ...options.env }, options.timeoutMs ?? 20_000);
}

/** The project's installed bin/greeter.cjs, run by Node.js `major`. */
export function greeterOnNode(major: NodeMajor, root: string, env: NodeJS.ProcessEnv): AsyncGreeter {
  const node = nodeBinary(major);
  return greeterAsync([node.command, path.join(root, 'node_modules', 'greeter', 'bin', 'greeter.cjs')], root, toolEnv(node, env));
}

/** The greeting of a `--json` run, parsed as the JSON the spy and net plugins greet with; undefined when it did not greet. */
export function greetingJson(ran: Bounded): Record<string, unknown> | undefined {
  const greeting = (jsonOutcome(ran).document as { greeting?: unknown }).greeting;
  return typeof greeting === 'string' ? JSON.parse(greeting) : undefined;
}

/** Whether `text` shows anywhere in what greeter printed. */
export function shown(ran: Bounded, text: string): boolean {
  return ran.stdout.includes(text) || ran.stderr.includes(text);
}
