import { createRequire } from 'node:module';

// By package name, not a relative path: the code may be bundled into another
// package (the greeter CLI), whose own package.json is not this one.
const require = createRequire(import.meta.filename);

/**
 * This copy of `@greeter/core`'s version. The host compares it with each
 * plugin's `peerDependencies["@greeter/core"]` range.
 */
export const coreVersion: string = (require('@greeter/core/package.json') as { version: string }).version;
