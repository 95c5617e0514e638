import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * This copy of `@greeter/core`'s version. The host compares it with each
 * plugin's `peerDependencies["@greeter/core"]` range.
 */
export const coreVersion: string = (require('../package.json') as { version: string }).version;
