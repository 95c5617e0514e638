import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GreeterError } from '@greeter/core';
import type { ScaffoldStep } from '../context.js';

/** Writes every rendered file, or with `--dry-run` lists them and writes nothing. */
export const writeFiles: ScaffoldStep = (context) => {
  if (context.options.dryRun) {
    context.print(`Would create ${context.packageName} in ${context.targetDir}:`);
    for (const file of [...context.files.keys()].sort()) context.print(`  ${file}`);
    return;
  }
  for (const [relative, content] of context.files) {
    const target = path.join(context.targetDir, relative);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    } catch (error) {
      throw new GreeterError('GREETER_USAGE', `${target} could not be written: ${(error as Error).message}.`, {
        cause: error,
        hint: 'Choose a folder you can write to with --dir <folder>.',
      });
    }
  }
  context.print(`Created ${context.packageName} in ${context.targetDir}`);
};
