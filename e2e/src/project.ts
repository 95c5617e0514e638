import path from 'node:path';
import { expect, inject } from 'vitest';
import { makeTree } from '@greeter/fixtures';
import { publishFolder } from './publish.js';
import { registryEnv, run, runBounded, type Bounded } from './shell.js';

export { setupEnv } from './shell.js';

/** The environment that points package managers at the suite's registry. */
export function e2eEnv(): NodeJS.ProcessEnv {
  return registryEnv(inject('userconfig'));
}

/** A fresh project folder with a package.json, outside the workspace. */
export function newProject(name: string): string {
  return makeTree({ 'package.json': JSON.stringify({ name, version: '1.0.0', private: true }) });
}

/** Runs a greeter executable (a project's or a global one) as a user would. */
export function runGreeter(executable: string, args: string[], cwd: string, env = e2eEnv()) {
  return run(executable, args, cwd, env);
}

/** The project's installed greeter. */
export function projectGreeter(project: string): string {
  return path.join(project, 'node_modules', '.bin', 'greeter');
}

/** The error code printed in brackets on stderr. */
export function codeIn(stderr: string): string | undefined {
  return /\[(GREETER_[A-Z_]+)\]/.exec(stderr)?.[1];
}

/**
 * Publishes each fixture folder as `npm publish` would (see publish.ts), a
 * few at a time, and rejects with the registry's answer to the first that
 * fails.
 */
export async function publishFolders(folders: string[], env: NodeJS.ProcessEnv, parallel = 4): Promise<void> {
  const queue = [...folders];
  const worker = async () => {
    for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) await publishFolder(folder, env);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
}

/** Runs one greeter executable with a time limit, in `cwd` (default: the project) and with extra environment variables. */
export type GreeterRunner = (args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }) => Bounded;

/** A runner for the greeter installed in `project`; a run is killed after 20 s, so a hang fails its test. */
export function greeterIn(project: string, env = e2eEnv()): GreeterRunner {
  return (args, options = {}) => runBounded(projectGreeter(project), args, options.cwd ?? project, { ...env, ...options.env }, options.timeoutMs ?? 20_000);
}

const stackLine = /^\s+at /m;

/**
 * What a `--json` run showed, as one value to compare: how it ended, the
 * single JSON document on stdout (or, when stdout is not exactly one, what
 * it held), and whether stderr carries a stack trace.
 */
export function jsonOutcome(ran: Bounded) {
  return { exit: ran.timedOut ? 'killed after the time limit' : ran.code, document: oneJsonDocument(ran.stdout), stack: stackLine.test(ran.stderr) };
}

/** What a run without `--json` showed: how it ended, stdout, the bracketed code on stderr, and whether stderr carries a stack trace. */
export function textOutcome(ran: Bounded) {
  return {
    exit: ran.timedOut ? 'killed after the time limit' : ran.code,
    stdout: ran.stdout,
    code: codeIn(ran.stderr) ?? null,
    stack: stackLine.test(ran.stderr),
  };
}

function oneJsonDocument(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return { notOneJsonDocument: stdout.slice(0, 2000) };
  }
}

/** The {@link jsonOutcome} of a run that failed with `code` (a string or an asymmetric matcher). */
export function jsonFailure(code: unknown, exit = 1) {
  return { exit, document: { error: { code, message: expect.any(String), hint: expect.stringMatching(/\S/) } }, stack: false };
}

/** The {@link jsonOutcome} of a run that greeted with `greeting`. */
export function jsonGreeting(greeting: string) {
  return { exit: 0, document: expect.objectContaining({ greeting }), stack: false };
}

/** The {@link textOutcome} of a run that failed with `code`. */
export function textFailure(code: unknown, exit = 1) {
  return { exit, stdout: '', code, stack: false };
}

/** The {@link textOutcome} of a run that greeted with `greeting`. */
export function textGreeting(greeting: string) {
  return { exit: 0, stdout: `${greeting}\n`, code: null, stack: false };
}

/** The control characters in `text` other than tab and newline, each as `\uXXXX`, so a failure shows which. */
export function controlCharacters(text: string): string[] {
  return [...text.matchAll(/(?![\t\n])\p{Cc}/gu)].map(([char]) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
