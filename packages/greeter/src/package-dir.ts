import path from 'node:path';

// The path from the folder of the file this module was built into to the
// package's folder. The bundle script sets it for each bundle (esbuild
// `define`); tsc's output, dist/package-dir.js, lies one folder below, as
// this file lies in src/.
declare const GREETER_PACKAGE_FROM_OUTPUT: string;
const fromOutput = typeof GREETER_PACKAGE_FROM_OUTPUT === 'string' ? GREETER_PACKAGE_FROM_OUTPUT : '..';

/**
 * The greeter package's folder, whose plugin dependencies (english) are the
 * built-ins. Computed from this file's path, not resolved by name (which
 * cost about 2 ms of every start).
 */
export const greeterDir = path.resolve(import.meta.dirname, fromOutput);
