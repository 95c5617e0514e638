import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { GreeterError } from '@greeter/core';
import type { PluginCandidate, PluginPackageJson } from '@greeter/host';
import { isDiscoveryProblem, readPluginPackage } from '@greeter/host/stages';

/** The plugin package being checked, as discovery reads it. */
export interface PluginUnderTest {
  name: string;
  /** The folder with every symlink resolved. */
  realPath: string;
  /** package.json as written (the manifest checks read entries discovery rejects). */
  packageJson: PluginPackageJson;
  /** The candidate the host would load; undefined when discovery rejects the package. */
  candidate: PluginCandidate | undefined;
  /** Why discovery rejects it, when it does. */
  rejection: GreeterError | undefined;
}

/**
 * Reads the plugin folder through the host's own manifest reader. A package
 * whose package.json cannot be read or has no name is returned as the error;
 * one the reader rejects for its manifest is still checked, with the reason.
 */
export function readPluginUnderTest(dir: string): PluginUnderTest | GreeterError {
  const entry = readPluginPackage(
    { path: dir, source: 'project', origin: 'testkit' },
    { realpath: realpathOrUndefined, addCommand: (name) => `npm install ${name}` },
  );
  if (!isDiscoveryProblem(entry)) {
    return { name: entry.name, realPath: entry.realPath, packageJson: entry.packageJson, candidate: entry, rejection: undefined };
  }
  const realPath = realpathOrUndefined(dir);
  if (entry.name === undefined || realPath === undefined) return entry.error;
  try {
    const text = readFileSync(path.join(realPath, 'package.json'), 'utf8');
    const packageJson = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as PluginPackageJson;
    return { name: entry.name, realPath, packageJson, candidate: undefined, rejection: entry.error };
  } catch {
    // The reader parsed it a moment ago; a file changed in between is its problem to report.
    return entry.error;
  }
}

function realpathOrUndefined(target: string): string | undefined {
  try {
    return realpathSync.native(target);
  } catch {
    // Missing or unreadable: the reader reports it as the package's problem.
    return undefined;
  }
}
