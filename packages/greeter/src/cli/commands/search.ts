import { GreeterError } from '@greeter/core';
import type { CommandContext, CommandResult } from '../context.js';

/** `greeter search`: being built. */
export async function run(_context: CommandContext): Promise<CommandResult> {
  throw new GreeterError('GREETER_USAGE', '`greeter search` is not available yet.');
}
