import path from 'node:path';
import { GreeterError } from '@greeter/core';
import type { ScaffoldStep } from '../context.js';
import { resolvePluginName } from '../plugin-name.js';

/**
 * Derives the package name (`greeter-plugin-<language>`, scoped by the
 * argument or `--scope`) and the folder from what the user asked for.
 */
export const resolveNames: ScaffoldStep = (context) => {
  const { language: input, scope, dir } = context.options;
  if (input === undefined) {
    throw new GreeterError('GREETER_USAGE', 'No language was named.', {
      hint: 'Name it: `create-greeter-plugin <language>`, e.g. `create-greeter-plugin klingon`.',
    });
  }
  const name = resolvePluginName(input, scope);
  context.language = name.language;
  context.packageName = name.packageName;
  context.targetDir = path.resolve(context.cwd, dir ?? name.baseName);
};
