import { isGreeterError } from '@greeter/core';
import type { ScaffoldStep } from '../context.js';
import { resolvePluginName, resolveScope } from '../plugin-name.js';

// Answers taken before the scaffolder gives up with the last answer's error.
const maxAnswers = 3;

/**
 * Asks for the language when none was given, someone can answer, and
 * `--yes` did not say to ask nothing. An answer is checked with the rules an
 * argument meets; a wrong one is explained and asked again.
 */
export const askLanguage: ScaffoldStep = async (context) => {
  const { language, scope, yes } = context.options;
  if (language !== undefined || yes || context.ask === undefined) return;
  // A wrong --scope is no answer's fault: report it before asking anything.
  if (scope !== undefined) resolveScope(scope);
  for (let attempt = 1; ; attempt++) {
    const answer = (await context.ask('Which language will the plugin greet in? (e.g. klingon, or @acme/klingon) ')).trim();
    try {
      resolvePluginName(answer, scope);
      context.options = { ...context.options, language: answer };
      return;
    } catch (error) {
      if (!isGreeterError(error) || attempt === maxAnswers) throw error;
      context.print(`${error.message} ${error.hint}`);
    }
  }
};
