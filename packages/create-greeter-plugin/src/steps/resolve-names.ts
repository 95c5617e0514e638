import path from 'node:path';
import { GreeterError, displayName, isLanguageWord, pluginPrefix } from '@greeter/core';
import type { ScaffoldStep } from '../context.js';

const npmSafe = /^[a-z0-9][a-z0-9_-]*$/;
const scopePattern = /^@?([a-z0-9][a-z0-9_-]*)$/;

/**
 * Checks the language with the host's grammar, and derives the package name
 * (`greeter-plugin-<language>`, under `--scope` if given) and the folder.
 */
export const resolveNames: ScaffoldStep = (context) => {
  const raw = context.options.language;
  if (!isLanguageWord(raw)) {
    throw new GreeterError('GREETER_INVALID_NAME', `${displayName(raw)} is not a language name.`);
  }
  const language = raw.toLowerCase();
  if (!npmSafe.test(language)) {
    throw new GreeterError('GREETER_INVALID_NAME', `${displayName(raw)} cannot be part of an npm package name.`, {
      hint: 'Name the package in Latin letters (`chinese`), then list other names such as `中文` in greeterPlugin.languages.',
    });
  }
  let scope: string | undefined;
  if (context.options.scope !== undefined) {
    const match = scopePattern.exec(context.options.scope);
    if (!match) {
      throw new GreeterError('GREETER_USAGE', `--scope ${displayName(context.options.scope)} is not an npm scope.`, {
        hint: 'A scope looks like `@acme`: lower-case letters, digits, `-` and `_`.',
      });
    }
    scope = `@${match[1]}`;
  }
  const baseName = `${pluginPrefix}-${language}`;
  context.language = language;
  context.packageName = scope ? `${scope}/${baseName}` : baseName;
  context.targetDir = path.resolve(context.cwd, context.options.dir ?? baseName);
};
