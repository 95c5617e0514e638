import { createRequire } from 'node:module';

/**
 * `require` for the libraries loaded only on use (semver, js-yaml,
 * picomatch): a synchronous load keeps each stage synchronous, and keeps
 * them out of the start-up of every greeting. Resolved from this file (in
 * the CLI, the bundle), so they are dependencies of the package it ships in.
 */
export const requireOnUse = createRequire(import.meta.filename);
