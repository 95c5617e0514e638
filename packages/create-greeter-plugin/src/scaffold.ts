import type { PackageManager, ScaffoldContext, ScaffoldOptions, ScaffoldStep } from './context.js';
import { askGreeting } from './steps/ask-greeting.js';
import { askLanguage } from './steps/ask-language.js';
import { checkTarget } from './steps/check-target.js';
import { confirmTarget } from './steps/confirm-target.js';
import { printNextSteps } from './steps/print-next-steps.js';
import { readAuthorship } from './steps/read-authorship.js';
import { renderTemplates } from './steps/render-templates.js';
import { resolveNames } from './steps/resolve-names.js';
import { writeFiles } from './steps/write-files.js';

/** The steps, in order. Each reads and fills the one context. */
export const scaffoldSteps: ScaffoldStep[] = [
  askLanguage,
  resolveNames,
  checkTarget,
  askGreeting,
  readAuthorship,
  renderTemplates,
  confirmTarget,
  writeFiles,
  printNextSteps,
];

/** Where the scaffolder works and how it talks; passed in so tests need no globals. */
export interface ScaffoldEnvironment {
  cwd: string;
  packageManager?: PackageManager;
  print?: (line: string) => void;
  /** Asks yes or no before writing; leave it out where nobody can answer. */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  /** Asks for a missing language; leave it out where nobody can answer. */
  ask?: ((question: string) => Promise<string>) | undefined;
  /** The moment of scaffolding, for the year in LICENSE. Default: now. */
  now?: Date;
  /** Where npm's user config and git's config are found (HOME, npm_config_userconfig, GIT_CONFIG_GLOBAL). Default: `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Creates a plugin package folder. Resolves to the finished context: the
 * package name, the folder and the files written (or, with `dryRun`, that
 * would be).
 *
 * @throws GreeterError `GREETER_INVALID_NAME` or `GREETER_USAGE`, before anything is written
 *   (no language and no `ask`, a conflicting scope, a folder in use, a "no" answer).
 */
export async function scaffold(options: ScaffoldOptions, environment: ScaffoldEnvironment): Promise<ScaffoldContext> {
  const context: ScaffoldContext = {
    options,
    cwd: environment.cwd,
    packageManager: environment.packageManager ?? 'npm',
    print: environment.print ?? (() => {}),
    confirm: environment.confirm,
    ask: environment.ask,
    now: environment.now ?? new Date(),
    env: environment.env ?? process.env,
    language: '',
    packageName: '',
    targetDir: '',
    greeting: { hello: 'Hello', universe: 'Universe' },
    authorship: { author: { name: '', email: undefined, url: undefined }, repository: { type: 'git', url: '' } },
    files: new Map(),
  };
  for (const step of scaffoldSteps) await step(context);
  return context;
}
