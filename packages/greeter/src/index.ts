import { greeterDir } from './package-dir.js';
import { createHost as createHostFrom, diagnose as diagnoseFrom, type Diagnosis, type Host, type HostOptions } from '@greeter/host';

export { defaultLanguage, defineConfig, GreeterError, errorCodes, isGreeterError } from '@greeter/host';
export type {
  Compatibility,
  Diagnosis,
  Discovery,
  DiscoveryProblem,
  GreeterConfig,
  GreeterErrorCode,
  Greeting,
  Host,
  HostOptions,
  ListedPlugin,
  LoadedConfig,
  LoadedPlugin,
  PackageManagerContext,
  PluginCandidate,
  PluginHealth,
  PluginPackageJson,
  PluginSource,
  Resolution,
  ResolutionStep,
  SearchedFolder,
  SerializedGreeterError,
  ShadowedCopy,
} from '@greeter/host';

/**
 * Creates a plugin host whose built-in plugins are the ones the `greeter`
 * package depends on (english). Nothing is read until a stage is called.
 *
 * @example
 * const host = createHost({ cwd: '/my/project' });
 * const { greeting } = await host.greet('chinese'); // '你好宇宙'
 */
export function createHost(options: HostOptions = {}): Host {
  return createHostFrom({ builtinsFrom: greeterDir, ...options });
}

/** Checks the whole setup as `greeter doctor` does, with english built in. */
export function diagnose(options: HostOptions & { language?: string | undefined } = {}): Promise<Diagnosis> {
  return diagnoseFrom({ builtinsFrom: greeterDir, ...options });
}
