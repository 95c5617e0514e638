import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';
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
      throw errorFrom(scaffoldMessages.fileUnwritable, { file: target, reason: (error as Error).message }, { cause: error });
    }
  }
  context.print(`Created ${context.packageName} in ${context.targetDir}`);
};
