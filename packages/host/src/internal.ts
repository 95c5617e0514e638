// '@greeter/host/internal': what the greeter CLI shares with the host and
// no one else should call. It may change in any release, minor and patch
// included: the greeter CLI bundles the host it was built with, so the two
// never disagree. Embedders use '@greeter/host' and '@greeter/host/stages'.
export { configSearchPlaces } from './config/find-config.js';
export { askedPermissions } from './discovery/read-plugin-package.js';
export { globalInstallOf, globalLocationOf, npmDefaultPrefix } from './layouts/layouts.js';
export { didYouMean } from './resolve/did-you-mean.js';
export { grantOf } from './host/placement.js';
export { runGuarded, keepGuardUntilExit } from './process-guard.js';
export type { GuardOptions, GuardedRun, RealProcess } from './process-guard.js';
export { describeThrown } from './failures.js';
export { formatCommand, packageCommand } from './package-manager.js';
export type { GlobalLocation } from './package-manager.js';
export { readTextFile, readFileBytes } from './_fs.js';
