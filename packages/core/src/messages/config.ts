import { defineErrorMessages } from '../error-messages.js';

// The failures of finding and reading the greeter config and creating a host
// (@greeter/host), as greeter words them. `filepath` is the config file;
// `reason` is the parser's or loader's own reason, already shown escaped.

/** A config file that could not be used, and why. */
const configFile = (filepath: string, what: string, reason?: string) => `The greeter config ${filepath} ${what}${reason === undefined ? '' : `: ${reason}`}.`;

/** What to do about a config file that could not be used. */
const fixOrPointElsewhere = () => 'Fix the file, or point to another one with `--config <file>`.';

interface Unusable {
  filepath: string;
  reason: string;
}

export const configMessages = defineErrorMessages({
  noGreeterKey: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ filepath }: { filepath: string }) => configFile(filepath, 'has no "greeter" key'),
    hint: fixOrPointElsewhere,
  },
  packageJsonUnreadable: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ filepath, reason }: Unusable) => configFile(filepath, 'could not be read or parsed', reason),
    hint: fixOrPointElsewhere,
  },
  unreadable: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ filepath, reason }: Unusable) => configFile(filepath, 'could not be read', reason),
    hint: fixOrPointElsewhere,
  },
  unloadable: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ filepath, reason }: Unusable) => configFile(filepath, 'could not be loaded', reason),
    hint: fixOrPointElsewhere,
  },
  /** `problems`: the validator's list, each prefixed by its key path. */
  invalid: {
    code: 'GREETER_CONFIG_INVALID',
    message: ({ filepath, problems }: { filepath: string; problems: readonly string[] }) => configFile(filepath, 'is invalid', problems.join('; ')),
  },
  pluginFolderNotLoaded: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ folder }: { folder: string }) => `The plugin folder ${folder} given with --plugin was not loaded.`,
  },
});
