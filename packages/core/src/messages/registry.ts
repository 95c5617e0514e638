import { displayName, displayText } from '../display.js';
import { defineErrorMessages, type ParamsOf } from '../error-messages.js';
import { loadingMessages } from './loading.js';

// What the registry did not have or did not answer, and the package
// managers' config files that name it, as greeter's `add`, `info`, `update`
// and `search` word it. `registry` is the registry's URL, or where it is
// configured (a {@link RegistrySetting}); `argument` is what the user typed,
// shown escaped; `reason` is an error's own message.

/** A registry as greeter found it configured, for the hint that names where. */
export interface RegistrySetting {
  url: string;
  /** The file or variable that set it; undefined: the default; `--registry`: given on the command line. */
  source: string | undefined;
  /** How the user sees or changes it: "`npm config get registry` shows it". */
  check: string;
}

/** What greeter asked a registry for. */
export type RegistryRequest =
  | { kind: 'packument'; name: string }
  | { kind: 'keys' }
  | { kind: 'attestations'; name: string }
  | { kind: 'tarball'; name: string; version: string }
  | { kind: 'search'; text: string };

/** Why a registry's answer was not one: `detail` is Node's error code, or its message. */
export type RegistryFailure =
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; detail: string }
  | { kind: 'http'; status: number }
  | { kind: 'no-versions' }
  | { kind: 'not-json' };

const requestText = (request: RegistryRequest) => {
  if (request.kind === 'packument') return `look up ${request.name}`;
  if (request.kind === 'keys') return 'read the signing keys';
  if (request.kind === 'attestations') return `read the attestations of ${request.name}`;
  if (request.kind === 'tarball') return `fetch the tarball of ${request.name} ${displayText(request.version, 40)}`;
  return `search for ${JSON.stringify(request.text)}`;
};

const failureText = (failure: RegistryFailure) => {
  if (failure.kind === 'timeout') return `no answer within ${failure.timeoutMs / 1000} s`;
  if (failure.kind === 'network') return displayText(failure.detail, 200);
  if (failure.kind === 'http')
    return `it answered HTTP ${failure.status}${failure.status === 401 || failure.status === 403 ? ' (check the auth token configured for it)' : ''}`;
  return failure.kind === 'no-versions' ? 'its answer has no versions' : 'its answer is not JSON';
};

/**
 * The hint for a registry that did not answer (or answered what it should
 * not): `first`, then how to see which one is configured, where, and how to pick another.
 */
export const registryHint = (registry: RegistrySetting, first = 'Check your network connection and the registry') => {
  if (registry.source === '--registry') return `${first} given with \`--registry\`, or give another: \`--registry <url>\`.`;
  const { source } = registry;
  const variable = source !== undefined && !/[/\\]/.test(source);
  const where = source === undefined ? '; none is configured, so it is the default' : `; set ${variable ? 'by the variable' : 'in'} ${displayText(source)}`;
  return `${first} (${registry.check}${where}), or pick another with \`--registry <url>\`.`;
};

/** The next step when a registry has no such plugin: a search there. */
const searchThere = (argument?: string) =>
  `Run \`greeter search${argument === undefined ? '' : ` ${displayText(argument, 64)}`}\` to see the plugins published there.`;

export const registryMessages = defineErrorMessages({
  /** No published version supports this greeter: the newest one's incompatibility, as the loader words it. */
  noCompatibleVersion: {
    code: 'GREETER_PLUGIN_INCOMPATIBLE',
    message: (params: ParamsOf<typeof loadingMessages.incompatible>) => loadingMessages.incompatible.message(params),
    hint: ({ name, coreVersion }: ParamsOf<typeof loadingMessages.incompatible>) =>
      `No published version of ${name} supports @greeter/core ${coreVersion}, so nothing was installed. Ask its author for one, or use a greeter the plugin supports.`,
  },
  noSuchPackage: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ name, registry }: { name: string; registry: string; argument: string }) =>
      `There is no package ${name} on the registry ${displayText(registry)}; nothing was installed.`,
    hint: ({ argument }: { argument: string }) => searchThere(argument),
  },
  neitherInstalledNorPublished: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ name, registry, argument }: { name: string; registry: string; argument: string }) =>
      `No installed plugin answers to ${displayText(argument, 64)}, and the registry ${displayText(registry)} has no package ${name}.`,
    hint: ({ argument }: { argument: string }) => searchThere(argument),
  },
  notAPlugin: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, registry }: { name: string; registry: string }) =>
      `${name} on the registry ${displayText(registry)} is not a Greeter plugin: no version has the "greeter-plugin" keyword or a "greeterPlugin" manifest. Nothing was installed.`,
    hint: () => searchThere(),
  },
  unreachable: {
    code: 'GREETER_REGISTRY_UNREACHABLE',
    message: ({ registry, request, failure }: { registry: RegistrySetting; request: RegistryRequest; failure: RegistryFailure }) =>
      `Could not ${requestText(request)} on the registry ${displayText(registry.url)}: ${failureText(failure)}.`,
    hint: ({ registry }: { registry: RegistrySetting }) => registryHint(registry),
  },
  notARegistryUrl: {
    code: 'GREETER_USAGE',
    message: ({ given }: { given: string }) => `--registry ${displayName(given, 200)} is not an http or https URL.`,
    hint: () => 'Give the registry as a URL, e.g. `--registry https://registry.npmjs.org/`.',
  },
  npmrcUnreadable: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ file, reason }: { file: string; reason: string }) => `The npm config file ${displayText(file)} cannot be read: ${reason}.`,
    hint: () => 'Make the file readable, or point npm_config_userconfig at another one.',
  },
  yarnrcUnparsable: {
    code: 'GREETER_CONFIG_INVALID',
    // The YAML parser's message: its first line (the rest draws the file).
    message: ({ file, reason }: { file: string; reason: string }) => `The Yarn config ${displayText(file)} does not parse: ${reason.split('\n')[0]}.`,
    hint: () => 'Fix the file; `yarn config` shows what Yarn reads from it.',
  },
  bunfigUnreadable: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ file, reason }: { file: string; reason: string }) => `bun's config file ${displayText(file)} cannot be read: ${reason}.`,
    hint: () => 'Make the file readable; bun reads it too.',
  },
  bunfigUnparsable: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ file, reason }: { file: string; reason: string }) => `bun's config file ${displayText(file)} does not parse: ${displayText(reason, 300)}.`,
    hint: () => 'Fix the TOML there; bun cannot read it either.',
  },
});

/**
 * How the user sees or changes the registry a package manager uses: a
 * {@link RegistrySetting}'s `check`, which {@link registryHint} quotes.
 * `command` is the package manager's command that prints it.
 */
export const registryChecks = {
  shownBy: (command: string) => `\`${command}\` shows it`,
  /** `setting`: `install.registry` or `install.scopes`. */
  setInBunfig: (setting: string) => `\`${setting}\` in bunfig.toml sets it`,
  /** bun's own order: `setting` in bunfig.toml, else `key` in .npmrc. */
  bunfigElseNpmrc: (setting: string, key: string) => `bun reads it from \`${setting}\` in bunfig.toml, else \`${key}\` in .npmrc`,
  givenWithFlag: () => '`--registry` gave it',
};
