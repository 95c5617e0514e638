export { createHost, defaultLanguage } from './host.js';
export type { Greeting, Host, HostOptions } from './host.js';
export { findConfig, loadConfigFile, configSearchPlaces } from './config/find-config.js';
export type { LoadedConfig } from './config/find-config.js';
export { validateConfig } from './config/validate-config.js';
export type { ConfigProblem, ConfigValidation, GreeterConfig } from './config/validate-config.js';
export { discoverPlugins } from './discovery/discover-plugins.js';
export type { DiscoverOptions } from './discovery/discover-plugins.js';
export { readPluginPackage } from './discovery/read-plugin-package.js';
export type { PluginFolder } from './discovery/read-plugin-package.js';
export { resolvePlugin } from './resolve/resolve-plugin.js';
export { explainResolution } from './resolve/explain-resolution.js';
export type { ResolutionExplanation, ResolutionStep } from './resolve/explain-resolution.js';
export { diagnose } from './diagnose.js';
export type { Diagnosis, PluginHealth } from './diagnose.js';
export type { ResolveOptions } from './resolve/resolve-plugin.js';
export { loadPlugin } from './load/load-plugin.js';
export type { LoadedPlugin, LoadOptions } from './load/load-plugin.js';
export { checkCompatibility } from './load/check-compatibility.js';
export type { Compatibility } from './load/check-compatibility.js';
export { greetWith, defaultTimeoutMs } from './greet/greet.js';
export { greetIsolated, defaultMemoryLimitMb } from './greet/greet-isolated.js';
export type { IsolateOptions } from './greet/greet-isolated.js';
export { findGlobalFolders } from './discovery/find-global-folders.js';
export type { GlobalEnvironment } from './discovery/find-global-folders.js';
export type { GreetRunOptions } from './greet/greet.js';
export { detectPackageManager, installCommand } from './package-manager.js';
export type { PackageManager } from './package-manager.js';
export { describeThrown } from './_describe-thrown.js';
export type {
  Discovery,
  DiscoveryProblem,
  PluginCandidate,
  PluginPackageJson,
  PluginSource,
  SearchedFolder,
  ShadowedCopy,
} from './types.js';
