import { displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';

// The failures of loading a plugin and greeting in-process (@greeter/host's
// load and greet stages, and its failure classifier), as greeter words them.
// `name` is the plugin's package name; `subject` names the package or the
// config file whose code ran.

/** A plugin whose declared `@greeter/core` range does not admit this greeter's core; `range` and `version` are the package's own, untrusted. */
interface Incompatible {
  name: string;
  version: string | undefined;
  range: string | undefined;
  reason: 'out-of-range' | 'invalid-range';
  coreVersion: string;
}

const incompatible = ({ name, version, range, reason, coreVersion }: Incompatible) => {
  const shown = displayText(range ?? '', 80);
  const detail =
    reason === 'invalid-range' ? `declares an invalid @greeter/core range "${shown}"` : `needs @greeter/core ${shown}, but this greeter has ${coreVersion}`;
  return `${name}${version === undefined ? '' : ` ${displayText(version, 40)}`} ${detail}.`;
};

/**
 * How plugin or config code failed, other than by time: it threw (or
 * rejected), called `process.exit`, threw from a callback, left a rejection
 * unhandled, or can never finish (`stalled`). `value` is the thrown value
 * or the exit code, already described safely for a terminal.
 */
interface CodeFailure {
  subject: string;
  kind: 'threw' | 'exit' | 'uncaught' | 'unhandled-rejection' | 'stalled';
  value: string;
}

/** A failure of code that ran while loading (a config or a plugin) or greeting. */
const failed = ({ subject, kind, value }: CodeFailure, greeting: boolean) => {
  const during = greeting ? 'while greeting' : 'while loading';
  const what = {
    threw: greeting ? `failed to greet: it threw ${value}` : `threw ${value} ${during}`,
    exit: `called process.exit(${value}) ${during}`,
    uncaught: `threw ${value} from a callback ${during}`,
    'unhandled-rejection': `left a promise rejected with ${value} unhandled ${during}`,
    stalled: greeting
      ? 'returned from greet() a promise that can never settle: nothing is left running that could settle it'
      : 'never finishes loading: its top-level await waits for something that can no longer happen',
  }[kind];
  return `${subject} ${what}.`;
};

/** Installing something that speaks this greeter's core: commands of the user's package manager. */
interface Reinstall {
  /** Installs the plugin's latest release. */
  installPlugin: string;
  /** Installs greeter's latest release. */
  installGreeter: string;
}

export const loadingMessages = defineErrorMessages({
  incompatible: {
    code: 'GREETER_PLUGIN_INCOMPATIBLE',
    message: incompatible,
  },
  incompatibleInstalled: {
    code: 'GREETER_PLUGIN_INCOMPATIBLE',
    message: (params: Incompatible & Reinstall) => incompatible(params),
    hint: ({ installPlugin, installGreeter }: Incompatible & Reinstall) =>
      `Install a release of the plugin made for this greeter (\`${installPlugin}\`), or a greeter it supports (\`${installGreeter}\`).`,
  },
  /** `folder`: the plugin's real folder, whose package.json names the entry. */
  noEntryFile: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, folder }: { name: string; folder: string }) =>
      `${name} has no entry file: the "exports" or "main" of ${folder}/package.json names no existing file.`,
    hint: () => 'Reinstall the plugin; if it still fails, the published package is incomplete: report it to its author.',
  },
  entryOutsideFolder: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, entry, folder }: { name: string; entry: string; folder: string }) => `${name}'s entry ${entry} lies outside its own folder ${folder}.`,
    hint: () => 'A plugin is loaded only from its own folder; report this package to its author.',
  },
  /** `returned`: `null`, or the `typeof` of what greet() returned. */
  greetNotString: {
    code: 'GREETER_GREET_FAILED',
    message: ({ name, returned }: { name: string; returned: string }) => `${name}'s greet() returned ${returned} instead of a string.`,
  },
  /** `denied`: what the permission model refused, as `deniedOperation` words it ("read /etc/hostname"). */
  permissionDenied: {
    code: 'GREETER_PERMISSION_DENIED',
    message: ({ subject, denied }: { subject: string; denied: string }) => `${subject} tried to ${denied}, which an isolated plugin may not do.`,
  },
  // The catalogue's config hint speaks of its keys: a config module that is slow is made faster, or given more time.
  configTimedOut: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ subject, timeoutMs }: TimedOut) => `${subject} did not load within ${timeoutMs} ms.`,
    hint: () => 'Make the config module load faster, or raise the limit with `--timeout <ms>`.',
  },
  timedOut: {
    code: 'GREETER_GREET_TIMEOUT',
    message: ({ subject, timeoutMs }: TimedOut) => `${subject} did not load and greet within ${timeoutMs} ms.`,
  },
  // It did not settle in time, and never will: a timeout, told at once.
  neverSettles: {
    code: 'GREETER_GREET_TIMEOUT',
    message: ({ subject, phase }: { subject: string; phase: 'load' | 'greet' }) => failed({ subject, kind: 'stalled', value: '' }, phase === 'greet'),
    hint: () => 'Raising --timeout will not help: report the plugin to its author.',
  },
  // The catalogue's hint for a config speaks of its keys; config code that failed is fixed in the file itself.
  configCodeFailed: {
    code: 'GREETER_CONFIG_INVALID',
    message: (failure: CodeFailure) => failed(failure, false),
    hint: () => 'Fix the code of the config file named above; `DEBUG=greeter` prints its stack.',
  },
  loadCodeFailed: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: (failure: CodeFailure) => failed(failure, false),
  },
  greetCodeFailed: {
    code: 'GREETER_GREET_FAILED',
    message: (failure: CodeFailure) => failed(failure, true),
  },
});

interface TimedOut {
  subject: string;
  timeoutMs: number;
}
