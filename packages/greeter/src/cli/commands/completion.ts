import { GreeterError } from '@greeter/core';
import type { CommandContext, CommandResult } from '../context.js';

/** `greeter completion`: being built. */
export async function run(_context: CommandContext): Promise<CommandResult> {
  throw new GreeterError('GREETER_USAGE', '`greeter completion` is not available yet.');
}
