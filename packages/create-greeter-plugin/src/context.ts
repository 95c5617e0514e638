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
  /** What the plugin says to the universe, e.g. `Saluton Universo`. Without it the scaffolder asks, when it can. */
  greeting?: string | undefined;
}

/** The greeting the new plugin returns: `hello` then the name, or then `universe` (`Saluton` + `Universo`). */
export interface Greeting {
  hello: string;
  /** Empty when the greeting has one word: a name is then put after it. */
  universe: string;
}

/** Who publishes the plugin and where its source lives, as npm writes them. */
export interface Authorship {
  author: { name: string; email: string | undefined; url: string | undefined };
  repository: { type: 'git'; url: string; directory?: string };
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
  /** The environment npm's `init-author-*` settings and git's config are read with. */
  env: Record<string, string | undefined>;
  /** Filled by the steps. */
  language: string;
  packageName: string;
  targetDir: string;
  greeting: Greeting;
  authorship: Authorship;
  /** Relative path → content of every file to write. */
  files: Map<string, string>;
}

/** A step of the scaffolder: small, one concern, over the shared context. */
export type ScaffoldStep = (context: ScaffoldContext) => void | Promise<void>;
