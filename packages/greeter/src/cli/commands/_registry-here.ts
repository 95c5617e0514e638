import { homedir } from 'node:os';
import { detectPackageManager } from '@greeter/host/stages';
import { findRegistry, type Registry } from '../../registry/find-registry.js';
import type { CommandContext } from '../context.js';
import { findProjectRoot } from './_change-plugins.js';

/**
 * The registry the package manager of the project greeter works in would
 * use for `packageName` (a scope may have its own), or the one given with
 * --registry: `search` and `info` read from it.
 */
export function registryHere(context: CommandContext, packageName?: string): Registry {
  const projectRoot = findProjectRoot(context.cwd);
  const manager = detectPackageManager(projectRoot ?? context.cwd, context.env);
  const override = typeof context.args.flags['registry'] === 'string' ? context.args.flags['registry'] : undefined;
  return findRegistry({ manager, projectRoot, packageName, env: context.env, home: homedir(), override });
}
