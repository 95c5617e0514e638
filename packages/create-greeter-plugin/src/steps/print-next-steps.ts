import path from 'node:path';
import type { ScaffoldStep } from '../context.js';
import { commandLines } from '../package-manager.js';
import { placeholders } from '../placeholders.js';

/** Prints what is left to fill in before publishing, then the three commands that take the new plugin to a passing test run. */
export const printNextSteps: ScaffoldStep = (context) => {
  if (context.options.dryRun) return;
  const relative = path.relative(context.cwd, context.targetDir) || '.';
  const commands = commandLines(context.packageManager);
  const { author, repository } = context.authorship;
  const missing = [
    ...(author.name === placeholders.authorName ? [`"${placeholders.authorName}" in package.json and LICENSE`] : []),
    ...(repository.url.includes(placeholders.repositoryOwner) ? [`${placeholders.repositoryOwner} in package.json`] : []),
  ];
  if (missing.length > 0) {
    context.print(`Before you publish, replace ${missing.join(', and ')}.`);
    context.print('');
  }
  context.print('Next:');
  context.print(`  cd ${relative.includes(' ') ? JSON.stringify(relative) : relative}`);
  context.print(`  ${commands.install}`);
  context.print(`  ${commands.run('test')}`);
};
