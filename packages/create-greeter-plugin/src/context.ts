/** The package managers whose commands the scaffolder prints. */
export type PackageManager = 'pnpm' | 'npm' | 'yarn' | 'bun';

/** What the user asked for, after parsing the command line. */
export interface ScaffoldOptions {
  /** The language, e.g. `esperanto`. */
  language: string;
  /** An npm scope for the package, e.g. `@acme`. */
  scope?: string | undefined;
  /** The folder to create, relative to `cwd`. Default: the package name without its scope. */
  dir?: string | undefined;
  /** Create without asking. */
  yes?: boolean;
  /** Show what would be written; write nothing. */
  dryRun?: boolean;
}

/** Everything a step reads and writes: one object passed through every step. */
export interface ScaffoldContext {
  options: ScaffoldOptions;
  cwd: string;
  /** The package manager that started the scaffolder, for the printed commands. */
  packageManager: PackageManager;
  /** Prints a line for the user (stdout). */
  print(line: string): void;
  /** Asks a yes/no question; undefined when nobody can answer (no terminal). */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  /** The moment of scaffolding: the year in LICENSE. */
  now: Date;
  /** Filled by the steps. */
  language: string;
  packageName: string;
  targetDir: string;
  /** Relative path → content of every file to write. */
  files: Map<string, string>;
}

/** A step of the scaffolder: small, one concern, over the shared context. */
export type ScaffoldStep = (context: ScaffoldContext) => void | Promise<void>;
