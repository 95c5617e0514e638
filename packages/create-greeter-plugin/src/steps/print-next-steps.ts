import path from 'node:path';
import type { ScaffoldStep } from '../context.js';
import { commandLines } from '../package-manager.js';
import { placeholders } from '../placeholders.js';

/** Prints what to fill in before publishing, then the three commands that take the new plugin to a passing test run. */
export const printNextSteps: ScaffoldStep = (context) => {
  if (context.options.dryRun) return;
  const relative = path.relative(context.cwd, context.targetDir) || '.';
  const commands = commandLines(context.packageManager);
  context.print(`Before you publish, replace "${placeholders.authorName}" in package.json and LICENSE, and ${placeholders.repositoryOwner} in package.json.`);
  context.print('');
  context.print('Next:');
  context.print(`  cd ${relative.includes(' ') ? JSON.stringify(relative) : relative}`);
  context.print(`  ${commands.install}`);
  context.print(`  ${commands.run('test')}`);
};
