import path from 'node:path';

/**
 * An environment whose global folders are only those a test makes under
 * `root`. npm's default prefix (beside the running node) is searched too,
 * and holds no greeter plugin on a build machine.
 */
export const isolatedEnv = (root: string) => ({
  npm_config_prefix: path.join(root, 'npm-prefix'),
  PNPM_HOME: path.join(root, 'pnpm-home'),
  XDG_DATA_HOME: path.join(root, 'data-home'),
  YARN_GLOBAL_FOLDER: path.join(root, 'yarn-global'),
  BUN_INSTALL: path.join(root, 'bun'),
});
