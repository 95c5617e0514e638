/** The package managers whose commands the scaffolder prints. */
export type PackageManager = 'pnpm' | 'npm' | 'yarn' | 'bun';

/** What the user asked for, after parsing the command line. */
export interface ScaffoldOptions {
  /**
   * The language, e.g. `klingon`; or scoped, `@acme/klingon`; or a full plugin
   * name, `@acme/greeter-plugin-klingon`. Without it the scaffolder asks, when
   * it can (see {@link ScaffoldContext.ask}).
   */
  language?: string | undefined;
  /** An npm scope for the package, e.g. `@acme`. Must match a scope given in `language`. */
  scope?: string | undefined;
  /** The folder to create, relative to `cwd`. Default: the package name without its scope. */
  dir?: string | undefined;
  /** Ask nothing: neither for a missing language nor before creating. */
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
  /** Asks a question and resolves to the answer; undefined when nobody can answer (no terminal). */
  ask?: ((question: string) => Promise<string>) | undefined;
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
