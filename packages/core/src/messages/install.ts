import { displayName, displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';
import { registryHint, type RegistrySetting } from './registry.js';

// The failures of running the package manager for add, update and remove (greeter's commands), as greeter words them,
// and of finding the project and the plugin they change. `command` is a
// package manager's command line, formatted by the caller; `argument` is
// what the user typed; `name` is a plugin's package name.

/** What a command does to the project it needs. */
const purposeText = {
  add: 'add a plugin to',
  remove: 'remove a plugin from',
  update: 'update plugins in',
  check: 'check plugins in',
} as const;

const listWhere = 'Run `greeter list` to see the installed plugins and where each comes from.';

export const installMessages = defineErrorMessages({
  managerDidNotStart: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    // `manager`: the program (`npm`); `reason`: why the system could not start it.
    message: ({ command, reason }: { command: string; manager: string; reason: string }) => `\`${command}\` could not start: ${reason}.`,
    hint: ({ manager }: { manager: string }) => `Install ${manager} or put it on PATH, then run the greeter command again.`,
  },
  managerFailed: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ command, exitCode }: { command: string; exitCode: number | null }) => `\`${command}\` failed with exit code ${exitCode}.`,
    hint: ({ command }: { command: string }) => `Its output is above; run \`${command}\` yourself to see the package manager's whole report.`,
  },
  tarballRefused: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: ({ command, registry }: { command: string; registry: RegistrySetting }) =>
      `\`${command}\` refused a tarball from ${displayText(registry.url)} that does not match the integrity the registry published for it; nothing was installed.`,
    hint: ({ registry }: { registry: RegistrySetting }) =>
      registryHint(registry, 'The registry served a tarball other than the one it published: report it to its operator, and check the registry'),
  },
  managerUnreachable: {
    code: 'GREETER_REGISTRY_UNREACHABLE',
    message: ({ command, registry }: { command: string; registry: RegistrySetting }) =>
      `\`${command}\` could not reach the registry ${displayText(registry.url)} (its output is above).`,
    hint: ({ registry }: { registry: RegistrySetting }) => registryHint(registry),
  },
  notAPackageName: {
    code: 'GREETER_INVALID_NAME',
    message: ({ argument }: { argument: string }) => `${displayName(argument)} cannot be part of a plugin package name: npm names are lower-case ASCII.`,
    hint: () => 'Name the plugin package instead, e.g. `greeter add greeter-plugin-chinese` or `greeter add @acme/klingon`.',
  },
  noProject: {
    code: 'GREETER_USAGE',
    // `globalCommand`: the command the user typed, with -g.
    message: ({ folder, purpose }: { folder: string; purpose: keyof typeof purposeText; globalCommand: string }) =>
      `There is no package.json in ${displayName(folder, 200)} or any folder above it, so there is no project to ${purposeText[purpose]}.`,
    hint: ({ globalCommand }: { globalCommand: string }) => `Run it in a project, or for the global folder: \`${displayText(globalCommand, 200)}\`.`,
  },
  notInstalled: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    // `where`: the project, or the global folder.
    message: ({ where, argument }: { where: string; argument: string }) =>
      `No plugin installed in ${displayText(where)} answers to ${displayText(argument, 64)}.`,
    hint: ({ argument }: { argument: string }) =>
      `Run \`greeter list\` to see the installed plugins, or \`greeter add ${displayText(argument, 64)}\` to install it.`,
  },
  notADependency: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    // `installedGlobally`: the plugin is there instead.
    message: ({ name, packageJson }: { name: string; packageJson: string; argument: string; installedGlobally: boolean }) =>
      `${name} is not a dependency of ${displayText(packageJson)}, so there is nothing to remove.`,
    hint: ({ argument, installedGlobally }: { argument: string; installedGlobally: boolean }) =>
      `${listWhere}${installedGlobally ? ` It is installed globally: \`greeter remove -g ${argument}\` removes it there.` : ''}`,
  },
  notInGlobalFolder: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ name, manager, folder }: { name: string; manager: string; folder: string }) =>
      `${name} is not installed in ${manager}'s global folder ${displayText(folder)}, so there is nothing to remove.`,
    hint: () => listWhere,
  },
  builtIn: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    // `name` and `version`: the built-in plugin; `command`: the package manager's command that updates greeter.
    message: ({ argument, name, version, where }: { argument: string; name: string; version: string | undefined; where: string; command: string }) =>
      `${displayText(argument, 64)} is built into greeter (${name} ${displayText(version ?? '', 40)} comes with it): there is no plugin of that name installed in ${displayText(where)} to update.`,
    hint: ({ command }: { command: string }) => `Update greeter itself for a newer one: \`${command}\`.`,
  },
  grantNotWritten: {
    code: 'GREETER_CONFIG_INVALID',
    // `file`: a config that is a module or YAML; `grant`: the config text that grants it, to add by hand.
    message: ({ name, file }: { name: string; file: string; grant: string }) =>
      `${name} was added, but greeter does not rewrite ${file}: the grant was not written.`,
    hint: ({ grant }: { grant: string }) => `Add it yourself: ${grant}.`,
  },
});

/** Hints for errors whose code and message are worded elsewhere, as an install's side of them. */
export const installHints = {
  /** For the error of the isolated check of a plugin just installed, which put everything back. */
  checkFailed: ({ name, done, command }: { name: string; done: 'added' | 'updated'; command: string }) =>
    `${name} was not ${done}: package.json and the lockfile are as they were. If you trust it anyway, install it yourself: \`${command}\`.`,
};
