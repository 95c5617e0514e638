import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';
import type { Greeting, ScaffoldStep } from '../context.js';

const fallback = 'Hello Universe';

/**
 * The greeting the plugin returns: `--greeting`, else asked for (on a
 * terminal, without --yes), else `Hello Universe` for the author to
 * translate. Its last word is the universe, which a name replaces
 * (`Saluton Universo` → `Saluton Ada`); a greeting of one word is followed
 * by the name.
 */
export const askGreeting: ScaffoldStep = async (context) => {
  const { greeting, yes } = context.options;
  let text = greeting;
  if (text === undefined && !yes && context.ask !== undefined) {
    const Language = context.language.charAt(0).toUpperCase() + context.language.slice(1);
    text = (await context.ask(`How does ${Language} greet the universe? (${fallback}) `)).trim() || fallback;
  }
  context.greeting = splitGreeting(text ?? fallback);
};

/**
 * `Saluton Universo` → `Saluton` and `Universo`.
 *
 * @throws GreeterError `GREETER_USAGE` for an empty greeting or one with control characters.
 */
export function splitGreeting(text: string): Greeting {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (trimmed === '' || /[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) {
    throw errorFrom(scaffoldMessages.badGreeting, { text });
  }
  const space = trimmed.lastIndexOf(' ');
  return space === -1 ? { hello: trimmed, universe: '' } : { hello: trimmed.slice(0, space), universe: trimmed.slice(space + 1) };
}

/** What the plugin says to `name`, or to the universe. */
export function greetingText(greeting: Greeting, name?: string): string {
  const whom = name ?? greeting.universe;
  return whom === '' ? greeting.hello : `${greeting.hello} ${whom}`;
}
