import type { CommandContext } from './context.js';

/**
 * Says on stderr what greeter is waiting for on the network, on a terminal
 * only: piped or redirected, stderr carries warnings and errors alone.
 */
export function progressOf(context: Pick<CommandContext, 'stderr' | 'paint'>): (text: string) => void {
  return (text) => {
    if (context.stderr.isTTY) context.stderr.write(`${context.paint.stderr('dim', `greeter: ${text}…`)}\n`);
  };
}
