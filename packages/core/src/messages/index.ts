// Every failure greeter's packages raise, worded in one place (astro's
// `errors-data.ts`): each entry is a contract code with a message(params)
// and, where the catalogue's hint for the code is not enough, a
// hint(params). Raise one with `errorFrom(entry, params)`; call sites pass
// parameters, never sentences. Internal to greeter's own packages: entries
// and their parameters change with greeter, without a major version.
export { cliMessages } from './cli.js';
export { configMessages } from './config.js';
export { discoveryMessages } from './discovery.js';
export { installHints, installMessages } from './install.js';
export { isolationMessages } from './isolation.js';
export type { DeniedPermission } from './isolation.js';
export { loadingMessages } from './loading.js';
export { pluginMessages } from './plugins.js';
export { registryChecks, registryHint, registryMessages } from './registry.js';
export type { RegistryFailure, RegistryRequest } from './registry.js';
export { scaffoldMessages } from './scaffold.js';
export { signatureHints, signatureMessages } from './signatures.js';
export type { InstalledInstead } from './signatures.js';
export { provenanceMessages } from './signatures-provenance.js';
export { testkitAuthorHints, testkitMessages } from './testkit.js';
