import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The exact release timed for each major version the bench knows, each from
 * the registry's `node-<platform>-<arch>` package; the machine's own Node is
 * used instead when its major matches. 22 and 24 are the versions e2e runs.
 */
export const pinnedNodeVersions: Readonly<Record<number, string>> = {
  20: '20.20.2',
  22: '22.23.3',
  24: '24.21.0',
  26: '26.12.1',
};

/** The versions `pnpm bench` times by default, in the order its tables show them: the LTS lines users run first. */
export const defaultNodeSelection = ['24', '26', '20'];

/** A Node.js to time every process with. */
export interface NodeRuntime {
  /** `process.version` of the binary, e.g. `v24.21.0`. */
  version: string;
  binary: string;
  /** Whether it has `module.enableCompileCache` (Node 22.1 and later), which the greeter CLI turns on. */
  compileCache: boolean;
}

/**
 * The Node.js binaries a selection names: a major version (the machine's own
 * Node when the major matches, else the pinned release, installed on first
 * use), or a path to a `node` binary. Throws on a major the bench has no
 * release pinned for.
 */
export function findNodeBinaries(selection: string[], own: { version: string; execPath: string }): string[] {
  const ownMajor = own.version.slice(1).split('.')[0];
  return selection.map((item) => {
    if (item.includes('/')) return path.resolve(item);
    const major = Number(item);
    if (item === ownMajor) return own.execPath;
    const version = pinnedNodeVersions[major];
    if (version === undefined) {
      throw new Error(
        `No Node.js ${item} release is pinned for the bench: use one of ${Object.keys(pinnedNodeVersions).join(', ')}, or a path to a node binary.`,
      );
    }
    return downloadedNode(version);
  });
}

/** What each binary reports about itself; throws when one does not run. */
export function describeNode(binary: string): NodeRuntime {
  const result = spawnSync(binary, ['-p', "process.version + ' ' + typeof require('node:module').enableCompileCache"], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${binary} does not run: ${result.error?.message ?? result.stderr}`);
  const [version = '', compileCache] = result.stdout.trim().split(' ');
  return { version, binary, compileCache: compileCache === 'function' };
}

// The cache folder is the one e2e installs its runtimes in, so a release
// both use is downloaded once. The install goes to a fresh folder renamed
// into place, so that a concurrent install never leaves half a binary.
function downloadedNode(version: string): string {
  const name = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const cacheRoot = path.join(tmpdir(), 'greeter-e2e-tools');
  const folder = path.join(cacheRoot, `${name}@${version}`);
  const binary = path.join(folder, 'node_modules', name, 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(path.join(cacheRoot, '.staging-'));
  try {
    process.stderr.write(`Installing ${name}@${version} into ${folder}\n`);
    // Without the npm_* settings pnpm passes to the bench script.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)));
    const result = spawnSync('npm', ['install', '--prefix', staging, '--no-audit', '--no-fund', '--no-save', `${name}@${version}`], { encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`npm install ${name}@${version} failed: ${result.error?.message ?? result.stderr}`);
    renameSync(staging, folder);
  } catch (error) {
    if (!existsSync(binary)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}
