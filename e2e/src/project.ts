import path from 'node:path';
import { inject } from 'vitest';
import { makeTree } from '@greeter/fixtures';
import { registryEnv, run } from './shell.js';

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
