import path from 'node:path';
import type { ScaffoldStep } from '../context.js';

/** Prints the three commands that take the new plugin to a passing test run. */
export const printNextSteps: ScaffoldStep = (context) => {
  if (context.options.dryRun) return;
  const relative = path.relative(context.cwd, context.targetDir) || '.';
  const pm = context.packageManager;
  context.print('');
  context.print('Next:');
  context.print(`  cd ${relative.includes(' ') ? JSON.stringify(relative) : relative}`);
  context.print(`  ${pm} install`);
  context.print(`  ${pm} test`);
};
