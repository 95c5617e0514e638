// '@greeter/host/stages': each stage on its own, for embedders who wire them
// differently, and what @greeter/testkit builds its checks from. The root
// entry ('@greeter/host') is what most programs need. A name here is a
// semver promise: it is documented in the README or another package of
// this repository imports it. What only the greeter CLI uses is in
// './internal.ts', which promises nothing.
export { findConfig, loadConfigFile } from './config/find-config.js';
export type { ConfigOptions, LoadedConfig } from './config/find-config.js';
export { validateConfig } from './config/validate-config.js';
export type { ConfigProblem, ConfigValidation, GreeterConfig } from './config/validate-config.js';
export { discoverPlugins } from './discovery/discover-plugins.js';
export type { DiscoverOptions } from './discovery/discover-plugins.js';
export { createContainment } from './discovery/containment.js';
export type { Containment } from './discovery/containment.js';
export { readPluginPackage, isDiscoveryProblem } from './discovery/read-plugin-package.js';
export type { PluginFolder, ReadContext } from './discovery/read-plugin-package.js';
export { findGlobalFolders } from './layouts/layouts.js';
export type { LayoutEnvironment } from './layouts/layouts.js';
export { resolvePlugin } from './resolve/resolve-plugin.js';
export type { Resolution, ResolutionStep, ResolveOptions } from './resolve/resolve-plugin.js';
export { loadPlugin } from './load/load-plugin.js';
export type { LoadedPlugin, LoadOptions } from './load/load-plugin.js';
export { resolveEntry } from './load/resolve-entry.js';
export { checkCompatibility } from './load/check-compatibility.js';
export type { Compatibility } from './load/check-compatibility.js';
export { greetInProcess, greetWith } from './greet/greet-in-process.js';
export type { GreetInProcessOptions } from './greet/greet-in-process.js';
export { greetIsolated } from './isolate/greet-isolated.js';
export type { IsolateOptions } from './isolate/greet-isolated.js';
export { errorForFailure } from './failures.js';
export type { Failure, Phase } from './failures.js';
export { detectPackageManager, installCommand } from './package-manager.js';
export type { GlobalInstall, PackageManager, PackageManagerName } from './package-manager.js';
export type { Discovery, DiscoveryProblem, PluginCandidate, PluginPackageJson, PluginSource, SearchedFolder, ShadowedCopy } from './types.js';
