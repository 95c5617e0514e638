import { homedir } from 'node:os';
import path from 'node:path';
import type { LoadedConfig, PluginCandidate } from '@greeter/host';
import { detectPackageManager } from '@greeter/host/stages';
import { findRegistry } from '../registry/find-registry.js';
import { reportVersion } from '../registry/report-version.js';
import type { TrustReport } from '../registry/verification.js';
import { createVerificationSession, trustSettingsOf } from '../registry/verify-version.js';
import { findProjectRoot } from './commands/_change-plugins.js';

/** Where and how {@link findPluginTrust} asks. */
export interface PluginTrustOptions {
  /** The folder greeter works from: its project's package manager and registry config apply. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** The config in force: `requireProvenance` and `trustedRoot`. */
  config: LoadedConfig | null;
  /** How many plugins are checked at once. Default: 8. */
  concurrency?: number;
  /** How long each registry request may take. Default: 5 s. */
  timeoutMs?: number;
}

/**
 * Each installed plugin's registry signature and provenance, re-verified
 * from the registry its project's package manager uses, as `npm audit
 * signatures` does (`doctor`, `list --long`, `info`). Only plugins a package
 * manager installed (under a node_modules folder) with a version are asked
 * about; a local folder, a workspace package or a `--plugin` path has no
 * entry. Plugins are checked a few at a time, every request bounded in
 * time; an unreachable registry is `not-verified`, never an error.
 *
 * @returns The reports by the plugin's real path.
 */
export async function findPluginTrust(plugins: readonly PluginCandidate[], options: PluginTrustOptions): Promise<Map<string, TrustReport>> {
  const { cwd, env } = options;
  const session = createVerificationSession(trustSettingsOf(options.config), options.timeoutMs);
  const manager = detectPackageManager(cwd, env);
  const projectRoot = findProjectRoot(cwd);
  const home = homedir();
  const queue = plugins.filter((plugin) => plugin.version !== undefined && plugin.realPath.split(path.sep).includes('node_modules'));
  const reports = new Map<string, TrustReport>();
  const worker = async () => {
    for (let plugin = queue.shift(); plugin !== undefined; plugin = queue.shift()) {
      const registry = findRegistry({ manager, projectRoot: plugin.source === 'global' ? undefined : projectRoot, packageName: plugin.name, env, home });
      reports.set(plugin.realPath, await reportVersion(session, registry, plugin.name, plugin.version!));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, worker));
  return reports;
}
