import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';
import type { ScaffoldStep } from '../context.js';

/** Asks before writing, when someone is there to answer and `--yes` was not given. */
export const confirmTarget: ScaffoldStep = async (context) => {
  if (context.options.yes || context.options.dryRun || context.confirm === undefined) return;
  const ok = await context.confirm(`Create ${context.packageName} in ${context.targetDir}?`);
  if (!ok) {
    throw errorFrom(scaffoldMessages.answeredNo, {});
  }
};
