import { displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';

// What the registry did not have, as greeter's `add`, `info` and `update`
// word it. `registry` is the registry's URL;
// `argument` is what the user typed, shown escaped.

/** The next step when a registry has no such plugin: a search there. */
const searchThere = (argument?: string) =>
  `Run \`greeter search${argument === undefined ? '' : ` ${displayText(argument, 64)}`}\` to see the plugins published there.`;

export const registryMessages = defineErrorMessages({
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
});
