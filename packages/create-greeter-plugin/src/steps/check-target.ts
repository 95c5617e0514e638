import { readdirSync } from 'node:fs';
import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';
import type { ScaffoldStep } from '../context.js';

/** Refuses a target folder that exists and is not empty: nothing is ever overwritten. */
export const checkTarget: ScaffoldStep = (context) => {
  let entries: string[];
  try {
    entries = readdirSync(context.targetDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') entries = ['(a file)'];
    else throw errorFrom(scaffoldMessages.folderUnreadable, { folder: context.targetDir }, { cause: error });
  }
  if (entries.length > 0) {
    throw errorFrom(scaffoldMessages.folderNotEmpty, { folder: context.targetDir });
  }
};
