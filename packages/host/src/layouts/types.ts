/** The package managers greeter speaks, by name. */
export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A package manager, with the agent whose command lines it takes (Yarn 2+ is `yarn@berry`). */
export interface PackageManager {
  name: PackageManagerName;
  agent: 'npm' | 'pnpm' | 'yarn' | 'yarn@berry' | 'bun';
}

/** A global installation of greeter: the manager that made it, and where. */
export interface GlobalInstall {
  manager: PackageManager;
  /** npm's prefix (`<prefix>/lib/node_modules`), so a global add lands beside greeter. */
  prefix?: string | undefined;
}

/** Where a manager keeps global packages, and how to point its global add or remove there. */
export interface GlobalLocation {
  /** The global folder, as messages name it. */
  folder: string;
  /** The node_modules folders global packages land in (pnpm 11+: one folder per package). */
  folders: string[];
  /** Files a global add rewrites and a failed one must restore (yarn classic's and bun's global package.json and lockfile). */
  files: string[];
  /** Variables the manager needs (pnpm: PNPM_HOME and its bin folder on PATH; bun: BUN_INSTALL_GLOBAL_DIR). */
  env: Record<string, string>;
  /** Arguments to append to its global command (yarn classic: --global-folder). */
  args: string[];
}

/**
 * What a layout is computed from: every input passed in, so the same
 * functions serve discovery, containment, hints and the sandbox's grants,
 * and tests point them at temporary folders.
 */
export interface LayoutEnvironment {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** The user's home folder. */
  home: string;
  /** The user id (`process.getuid()`), undefined where there is none (Windows). */
  uid: number | undefined;
  /** `process.execPath`: npm's default prefix is the Node installation's. */
  execPath: string;
}

/** One package manager's folders, as pure functions of the environment. */
export interface ManagerLayout {
  readonly manager: PackageManager;
  /** Its global node_modules folders, highest precedence first (pnpm 11+: one per package, read from its folder listing). */
  globalFolders(environment: LayoutEnvironment): string[];
  /** Folders it keeps installed packages in outside a project: global virtual stores, caches. */
  storeRoots(environment: LayoutEnvironment): string[];
  /** Whether the package at this real folder is one of its global installs. */
  globalInstallOf(realDir: string, environment: LayoutEnvironment): GlobalInstall | undefined;
  /** Where its global add or remove works, beside the package at `packageDir` when given. */
  globalLocation(install: GlobalInstall, packageDir: string | undefined, environment: LayoutEnvironment): GlobalLocation;
  /**
   * Its own switch that turns off lifecycle scripts (`preinstall`, `install`,
   * `postinstall`, `prepare`) of what it installs and of their dependencies,
   * for project and global installs alike: arguments before the package
   * name, and variables.
   */
  readonly scriptsOff: { readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> };
}
