import { displayName, displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';

// Every failure of @greeter/host's isolated runner as greeter words it:
// the plan, the link scan and the classifier pass parameters. `name` is
// always the plugin's package name.

// What a permission denial tried to do, by the permission model's name for it.
const deniedWhat = {
  FileSystemRead: 'read',
  FileSystemWrite: 'write',
  ChildProcess: 'start a child process',
  WorkerThreads: 'start a worker thread',
  Addons: 'load a native addon',
  WASI: 'use WASI',
  Inspector: 'open the inspector',
  Signal: 'send a signal to another process',
  V8Flags: "change V8's flags",
  Net: 'use the network',
} as const satisfies Record<string, string>;

/** A permission of Node's model, by its own name, as an isolated plugin's denial reports it. */
export type DeniedPermission = keyof typeof deniedWhat;

const configOrDefault = (configFile: string | undefined) => configFile ?? 'your greeter config (.greeterrc.json)';

/** How to run a plugin the user trusts without isolation. */
const trustInstead = (name: string, configFile?: string) =>
  `If you trust ${name}, run it in-process: "trust": ["${name}"] in ${configOrDefault(configFile)}, or --no-isolate for one run.`;

export const isolationMessages = defineErrorMessages({
  startFailed: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, reason }: { name: string; reason: string }) => `${name} could not be started in an isolated process: ${displayText(reason)}.`,
  },
  otherProtocol: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, childEntry, version }: { name: string; childEntry: string; version: number }) =>
      `${name} could not be isolated: ${childEntry} speaks another version of greeter's isolation protocol than this greeter (${version}).`,
    hint: () => 'Reinstall greeter: its files come from two different versions.',
  },
  stopped: {
    code: 'GREETER_GREET_TIMEOUT',
    message: ({ name, timeoutMs }: { name: string; timeoutMs: number }) => `${name} did not load and greet within ${timeoutMs} ms; its process was stopped.`,
  },
  outOfMemory: {
    code: 'GREETER_GREET_FAILED',
    message: ({ name, limitMb }: { name: string; limitMb: number }) => `${name} ran out of memory: it passed the ${limitMb} MiB limit of an isolated plugin.`,
  },
  noReport: {
    code: 'GREETER_GREET_FAILED',
    message: ({ name, ended, mayBeOverLimitMb }: { name: string; ended: string; mayBeOverLimitMb: number | undefined }) =>
      `${name}'s isolated process ended (${ended}) without a report${mayBeOverLimitMb === undefined ? '' : `; it may have passed the ${mayBeOverLimitMb} MiB memory limit of an isolated plugin`}.`,
  },
  loadFailed: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, detail }: { name: string; detail: string }) => `${name} failed to load in its isolated process: ${displayName(detail, 300)}.`,
  },
  invalid: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, detail }: { name: string; detail: string }) => `${name} is not a valid plugin; its isolated process found: ${displayName(detail, 300)}.`,
  },
  unfinished: {
    code: 'GREETER_GREET_TIMEOUT',
    message: ({ name, phase, detail }: { name: string; phase: 'load' | 'greet'; detail: string }) =>
      `${name} did not finish ${phase === 'load' ? 'loading' : 'greeting'} in its isolated process: ${displayName(detail, 300)}.`,
  },
  greetFailed: {
    code: 'GREETER_GREET_FAILED',
    message: ({ name, detail }: { name: string; detail: string }) => `${name} failed to greet in its isolated process: ${displayName(detail, 300)}.`,
  },
  deniedNetwork: {
    code: 'GREETER_PERMISSION_DENIED',
    message: ({ name, resource }: { name: string; resource: string | undefined; configFile: string | undefined }) =>
      `${name} tried to use the network${resource ? ` ${displayName(resource, 200)}` : ''}, which it was not granted.`,
    hint: ({ name, configFile }: { name: string; resource: string | undefined; configFile: string | undefined }) =>
      `If you trust ${name} with the network, grant it in ${configOrDefault(configFile)}: "permissions": { "${name}": { "net": true } }.`,
  },
  denied: {
    code: 'GREETER_PERMISSION_DENIED',
    message: ({ name, permission, resource, detail }: Denial) =>
      permission === undefined
        ? `${name} was denied an operation: ${displayName(detail, 300)}.`
        : `${name} tried to ${deniedWhat[permission]}${resource ? ` ${displayName(resource, 200)}` : ''}, which an isolated plugin may not do.`,
    hint: ({ name, configFile }: Denial) =>
      `An isolated plugin may read only its own package and the packages it depends on, and may not write files, start processes or threads, or load native addons. ${trustInstead(name, configFile)}`,
  },
  escapingLink: {
    code: 'GREETER_PERMISSION_DENIED',
    message: ({ name, link, target }: { name: string; link: string; target: string }) =>
      `${name} cannot be isolated: ${link} links to ${target}, which would open folders outside those an isolated plugin may read.`,
    hint: ({ name }: { name: string }) => `Remove the link. ${trustInstead(name)}`,
  },
  tooManyEntries: {
    code: 'GREETER_PERMISSION_DENIED',
    message: ({ name, limit, folder }: { name: string; limit: number; folder: string }) =>
      `${name} cannot be isolated: its folders hold more than ${limit} entries (at ${folder}), too many to check for links that leave them.`,
    hint: ({ name }: { name: string }) => trustInstead(name),
  },
  pnpNeedsNewerNode: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, nodeVersion }: { name: string; nodeVersion: string }) =>
      `${name} is an ES module with dependencies, which an isolated plugin of a Yarn Plug'n'Play project can load only on Node.js 22.15 or newer (this is ${nodeVersion}).`,
    hint: ({ name }: { name: string }) => `Run greeter on Node.js 22.15+ to isolate it. ${trustInstead(name)}`,
  },
});

/** A denied operation, as the child reported it. */
interface Denial {
  name: string;
  permission: DeniedPermission | undefined;
  resource: string | undefined;
  detail: string;
  configFile: string | undefined;
}
