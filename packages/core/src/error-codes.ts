/**
 * The catalogue of every error a Greeter user can meet. Codes are stable
 * (they are part of the public contract); messages are written where the
 * error is raised, because only that place knows the package or file.
 *
 * Writing a message: say what happened and why, name the package or file,
 * no "Error:" prefix. Writing a hint: say what to do next, as a command
 * where one exists.
 */
export const errorCatalogue = {
  GREETER_USAGE: { exitCode: 2, hint: 'Run `greeter --help` to see the commands and flags.' },
  GREETER_INVALID_NAME: {
    exitCode: 2,
    hint: 'A language is a word of letters or digits (`chinese`, `zh`, `中文`) or a plugin package name (`greeter-plugin-chinese`, `@acme/klingon`). Use `--plugin <path>` for a plugin in a folder.',
  },
  GREETER_CONFIG_INVALID: {
    exitCode: 2,
    hint: 'Fix the keys named above; the config accepts `default`, `plugins`, `aliases`, `autoDiscover`, `isolate`, `trust`, `permissions`, `requireProvenance` and `trustedRoot`.',
  },
  GREETER_PLUGIN_NOT_FOUND: { exitCode: 1, hint: 'Run `greeter list` to see the installed languages.' },
  GREETER_PLUGIN_CONFLICT: {
    exitCode: 1,
    hint: 'Name the plugin you want in the `plugins` list of your greeter config.',
  },
  GREETER_PLUGIN_LOAD_FAILED: {
    exitCode: 1,
    hint: 'Reinstall the plugin; if that does not help, report it to its author. Set DEBUG=greeter for the stack trace.',
  },
  GREETER_PLUGIN_INVALID: {
    exitCode: 1,
    hint: 'A plugin must export `Greeter` (or a default export): an object with a `greet()` function. Report this to the plugin author.',
  },
  GREETER_PLUGIN_INCOMPATIBLE: {
    exitCode: 1,
    hint: 'Install a version of the plugin made for this greeter, or a greeter that the plugin supports.',
  },
  GREETER_GREET_FAILED: {
    exitCode: 1,
    hint: 'The plugin failed while greeting; report it to its author. Set DEBUG=greeter for the stack trace.',
  },
  GREETER_GREET_TIMEOUT: {
    exitCode: 1,
    hint: 'Raise the limit with `--timeout <ms>`, or report the slow plugin to its author.',
  },
  GREETER_PERMISSION_DENIED: {
    exitCode: 1,
    hint: 'An isolated plugin may read only its own package folders; it may not write files, start processes or threads, load native addons or use the network. If you trust this plugin, run it in-process: add it to "trust" in the config, or pass `--no-isolate` for one run.',
  },
  GREETER_SIGNATURE_INVALID: {
    exitCode: 1,
    hint: 'Nothing was installed. The package may have been tampered with, or the registry is not the one it claims to be: check the registry (`--registry <url>`) and report it to the plugin author.',
  },
  GREETER_PROVENANCE_INVALID: {
    exitCode: 1,
    hint: 'Nothing was installed. The package does not come from the build its attestation names; report it to the plugin author.',
  },
  GREETER_REGISTRY_UNREACHABLE: {
    exitCode: 1,
    hint: "Check your network and the registry in your package manager's config, or name another one with `--registry <url>`.",
  },
} as const satisfies Record<string, { exitCode: 1 | 2; hint: string }>;

/** A stable error code from the Greeter contract. */
export type GreeterErrorCode = keyof typeof errorCatalogue;

/** Every code of the contract, in catalogue order. */
export const errorCodes = Object.keys(errorCatalogue) as GreeterErrorCode[];

/**
 * An error as data: what `--json` prints under `"error"`, what an isolated
 * plugin's process reports back, and what `doctor` lists.
 */
export interface SerializedGreeterError {
  code: GreeterErrorCode;
  message: string;
  hint: string;
}

/** The process exit code the CLI uses for an error code (1 or 2). */
export function exitCodeFor(code: GreeterErrorCode): 1 | 2 {
  return errorCatalogue[code].exitCode;
}
