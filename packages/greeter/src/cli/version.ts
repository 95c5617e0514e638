import { createRequire } from 'node:module';

/** The greeter package's own version, for `greeter --version`. */
// By name: this module is bundled into dist/bundle/, at another depth than src/.
export const version: string = (createRequire(import.meta.url)('greeter/package.json') as { version: string }).version;
