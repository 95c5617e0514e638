import { displayText } from '@greeter/core';

/**
 * An isolated plugin's stdout and stderr as greeter passes them on (to its
 * own stderr): each line under the plugin's name, control characters shown
 * escaped. The plugin cannot write a line that looks like greeter's own
 * (`greeter: …`, `hint: …`), move the cursor, or clear what greeter wrote.
 */
export function renderPluginOutput(name: string, text: string): string {
  if (text === '') return '';
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines
    .map(
      (line) =>
        `[${name}] ${line
          .replace(/\r$/, '')
          .split('\t')
          .map((part) => displayText(part, Number.MAX_SAFE_INTEGER))
          .join('\t')}\n`,
    )
    .join('');
}
