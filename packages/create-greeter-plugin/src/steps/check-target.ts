import { readdirSync } from 'node:fs';
import { GreeterError } from '@greeter/core';
import type { ScaffoldStep } from '../context.js';

/** Refuses a target folder that exists and is not empty: nothing is ever overwritten. */
export const checkTarget: ScaffoldStep = (context) => {
  let entries: string[];
  try {
    entries = readdirSync(context.targetDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') entries = ['(a file)'];
    else
      throw new GreeterError('GREETER_USAGE', `The folder ${context.targetDir} cannot be read.`, {
        cause: error,
        hint: 'Choose another folder with --dir <folder>.',
      });
  }
  if (entries.length > 0) {
    throw new GreeterError('GREETER_USAGE', `The folder ${context.targetDir} already exists and is not empty.`, {
      hint: 'Choose another folder with --dir <folder>, or empty this one.',
    });
  }
};
