import { displayName } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';
import { pluginMessages } from './plugins.js';

// The failures of scaffolding a plugin (create-greeter-plugin), as greeter words them.
// `input` is the language argument as the user typed it and `language` the
// language read from it; both are shown escaped where they lead a sentence.
// `folder` and `file` are absolute paths the scaffolder chose.

/** The next step for a bad argument: the scaffolder's own help. */
const seeHelp = () => 'Run `create-greeter-plugin --help`.';

/** The next step when the target folder will not do. */
const otherFolder = (orElse = '') => `Choose another folder with --dir <folder>${orElse}.`;

export const scaffoldMessages = defineErrorMessages({
  flagNeedsValue: {
    code: 'GREETER_USAGE',
    message: ({ flag }: { flag: string }) => `${flag} needs a value.`,
    hint: seeHelp,
  },
  unknownFlag: {
    code: 'GREETER_USAGE',
    message: ({ flag }: { flag: string }) => `Unknown flag ${displayName(flag, 40)}.`,
    hint: seeHelp,
  },
  severalLanguages: {
    code: 'GREETER_USAGE',
    message: ({ count }: { count: number }) => `One language at a time; got ${count}.`,
    hint: seeHelp,
  },
  noLanguage: {
    code: 'GREETER_USAGE',
    message: () => 'No language was named.',
    hint: () => 'Name it: `create-greeter-plugin <language>`, e.g. `create-greeter-plugin klingon`.',
  },
  notALanguageRequest: {
    // The host's grammar and wording, with a hint for this command rather than greeter's (`--plugin <path>`).
    ...pluginMessages.notALanguageRequest,
    hint: () => 'Name a language in Latin letters or digits (`klingon`), or with a scope (`@acme/klingon`).',
  },
  notAnNpmName: {
    code: 'GREETER_INVALID_NAME',
    message: ({ input }: { input: string }) => `${displayName(input)} cannot be part of an npm package name.`,
    hint: () => 'Name the package in Latin letters (`chinese`), then list other names such as `中文` in greeterPlugin.languages.',
  },
  scopeWithoutLanguage: {
    code: 'GREETER_USAGE',
    message: ({ input }: { input: string }) => `${displayName(input)} names a scope but no language.`,
    hint: () => 'Name the language after the scope, e.g. `@acme/klingon`.',
  },
  languageTooLong: {
    code: 'GREETER_INVALID_NAME',
    message: ({ language }: { language: string }) => `${displayName(language)} is too long for a language name.`,
    hint: () => 'A language name has at most 64 characters.',
  },
  commandWord: {
    code: 'GREETER_INVALID_NAME',
    message: ({ language }: { language: string; commandWords: readonly string[] }) =>
      `${displayName(language)} is a greeter command word: \`greeter ${language}\` always runs the command.`,
    hint: ({ commandWords }: { language: string; commandWords: readonly string[] }) =>
      `Name the plugin after its language; these words are kept for commands: ${commandWords.join(', ')}.`,
  },
  notAScope: {
    code: 'GREETER_USAGE',
    message: ({ value }: { value: string }) => `--scope ${displayName(value)} is not an npm scope.`,
    hint: () => 'A scope looks like `@acme`: lower-case letters, digits, `-` and `_`.',
  },
  twoScopes: {
    code: 'GREETER_USAGE',
    message: ({ input, scopeOption }: TwoScopes) => `${displayName(input)} and --scope ${displayName(scopeOption)} name two different scopes.`,
    hint: ({ scope, optionScope, language }: TwoScopes) => `Give the scope once: \`${scope}/${language}\`, or \`${language} --scope ${optionScope}\`.`,
  },
  badGreeting: {
    code: 'GREETER_USAGE',
    message: ({ text }: { text: string }) => `The greeting ${displayName(text, 80)} is empty or holds control characters.`,
    hint: () => 'Give the words the plugin says: `--greeting "Saluton Universo"`.',
  },
  folderUnreadable: {
    code: 'GREETER_USAGE',
    message: ({ folder }: { folder: string }) => `The folder ${folder} cannot be read.`,
    hint: () => otherFolder(),
  },
  folderNotEmpty: {
    code: 'GREETER_USAGE',
    message: ({ folder }: { folder: string }) => `The folder ${folder} already exists and is not empty.`,
    hint: () => otherFolder(', or empty this one'),
  },
  questionCancelled: {
    code: 'GREETER_USAGE',
    message: () => 'Nothing was created: the question was cancelled.',
    hint: () => 'Run it again; with the language named and --yes it asks nothing.',
  },
  answeredNo: {
    code: 'GREETER_USAGE',
    message: () => 'Nothing was created: the answer was no.',
    hint: () => 'Run it again, with --yes to skip the question.',
  },
  fileUnwritable: {
    code: 'GREETER_USAGE',
    message: ({ file, reason }: { file: string; reason: string }) => `${file} could not be written: ${reason}.`,
    hint: () => 'Choose a folder you can write to with --dir <folder>.',
  },
});

/** Two scopes named at once: `input` and `--scope`'s raw value, and the scopes read from each (`@acme`). */
interface TwoScopes {
  input: string;
  scopeOption: string;
  scope: string;
  optionScope: string;
  language: string;
}
