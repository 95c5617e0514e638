import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';
import type { ScaffoldStep } from '../context.js';
import { resolvePluginName } from '../plugin-name.js';

/**
 * Derives the package name (`greeter-plugin-<language>`, scoped by the
 * argument or `--scope`) and the folder from what the user asked for.
 */
export const resolveNames: ScaffoldStep = (context) => {
  const { language: input, scope, dir } = context.options;
  if (input === undefined) {
    throw errorFrom(scaffoldMessages.noLanguage, {});
  }
  const name = resolvePluginName(input, scope);
  context.language = name.language;
  context.packageName = name.packageName;
  context.targetDir = path.resolve(context.cwd, dir ?? name.baseName);
};
