import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Greeter's own packages are released together (a changesets "fixed" group),
// so this scaffolder's version is also @greeter/core's and @greeter/testkit's.
const ownVersion = (require('../package.json') as { version: string }).version;

/** The `@greeter/core` and `@greeter/testkit` range a new plugin starts with. */
export const greeterRange = `^${ownVersion}`;

/** Development tools of a new plugin: the newest majors that run on Node 20. */
export const toolVersions = {
  changesets: '^2.31.1',
  typesNode: '^20.19.0',
  typescript: '^7.0.2',
  vitest: '^4.1.12',
};
