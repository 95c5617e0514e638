import { createRequire } from 'node:module';

/** The greeter package's own version, for `greeter --version`. */
export const version: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
