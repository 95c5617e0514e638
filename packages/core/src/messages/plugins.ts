import { displayName } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';

// The failures of names and the plugin shape check (@greeter/core itself), as greeter words them.
// `input` is what the user typed, shown escaped; `name` is the plugin's
// package name, as the loader knows it.

export const pluginMessages = defineErrorMessages({
  notALanguageRequest: {
    code: 'GREETER_INVALID_NAME',
    message: ({ input }: { input: string }) => `${displayName(input)} is not a language name or a plugin package name.`,
  },
  exportsUnreadable: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name }: { name: string }) => `Reading the exports of ${name} threw.`,
  },
  noGreeterExport: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name }: { name: string }) => `${name} exports neither \`Greeter\` nor a default export.`,
  },
  noGreetFunction: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, symbol }: { name: string; symbol: string }) =>
      `The \`${symbol}\` export of ${name} has no \`greet\` function (unexpected type from module symbol).`,
  },
});
