// '@greeter/host/stages': each stage on its own, for embedders who wire them
// differently. The root entry ('@greeter/host') is what most programs need.
export { findConfig, loadConfigFile, configSearchPlaces, parserReason } from './config/find-config.js';
export type { ConfigOptions } from './config/find-config.js';
export { validateConfig } from './config/validate-config.js';
export type { ConfigProblem, ConfigValidation } from './config/validate-config.js';
export { discoverPlugins } from './discovery/discover-plugins.js';
export type { DiscoverOptions } from './discovery/discover-plugins.js';
export { createContainment } from './discovery/containment.js';
export type { Containment, ContainmentEnvironment } from './discovery/containment.js';
export { readPluginPackage, isDiscoveryProblem } from './discovery/read-plugin-package.js';
export type { PluginFolder, ReadContext } from './discovery/read-plugin-package.js';
export { findGlobalFolders, installedBeside } from './discovery/find-global-folders.js';
export type { GlobalEnvironment } from './discovery/find-global-folders.js';
export { resolvePlugin, isConclusive, applyAlias, conventionalNames } from './resolve/resolve-plugin.js';
export type { ResolveOptions } from './resolve/resolve-plugin.js';
export { didYouMean } from './resolve/did-you-mean.js';
export { loadPlugin, assertCompatible } from './load/load-plugin.js';
export type { LoadOptions } from './load/load-plugin.js';
export { checkCompatibility, incompatibleError } from './load/check-compatibility.js';
export { resolveEntry } from './load/resolve-entry.js';
export type { IncompatiblePlugin } from './load/check-compatibility.js';
export { greetInProcess, greetWith, defaultTimeoutMs } from './greet/greet-in-process.js';
export type { GreetInProcessOptions } from './greet/greet-in-process.js';
export { greetIsolated, permissionArgs } from './greet/greet-isolated.js';
export { defaultMemoryLimitMb } from './greet/limits.js';
export type { IsolateOptions } from './greet/greet-isolated.js';
export { readAllowances } from './greet/read-allowances.js';
export { runGuarded, keepGuardUntilExit } from './process-guard.js';
export type { GuardOptions, GuardedRun, RealProcess } from './process-guard.js';
export { errorForFailure, describeThrown, deniedOperation } from './failures.js';
export type { Failure, Phase } from './failures.js';
export {
  detectPackageManager,
  fromUserAgent,
  globalInstallOf,
  globalLocationOf,
  installCommand,
  packageCommand,
  formatCommand,
} from './package-manager.js';
export type { GlobalLocation, PackageAction } from './package-manager.js';
export { sourceRank } from './types.js';
