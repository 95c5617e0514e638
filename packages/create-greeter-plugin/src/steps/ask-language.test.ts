import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, rejectionCode, removeTrees } from '@greeter/fixtures';
import { scaffold } from '../scaffold.js';

afterAll(removeTrees);

/** An `ask` that gives the answers in turn to the language questions, and those questions (the greeting's gets the default). */
function answering(...answers: string[]) {
  const questions: string[] = [];
  const ask = async (question: string) => {
    if (!question.startsWith('Which language')) return '';
    questions.push(question);
    return answers.shift() ?? '';
  };
  return { ask, questions };
}

describe('the language question', () => {
  it('asks for a missing language and uses the answer', async () => {
    const { ask, questions } = answering('  @acme/klingon \n');
    const result = await scaffold({ dryRun: true }, { cwd: makeTree(), ask });
    expect([questions.length, result.packageName, result.language]).toEqual([1, '@acme/greeter-plugin-klingon', 'klingon']);
  });

  it('explains a refused answer and asks again, then goes on', async () => {
    const lines: string[] = [];
    const printedBefore: number[] = [];
    const { ask, questions } = answering('a.b', '', 'pirate');
    const asking = async (question: string) => {
      if (question.startsWith('Which language')) printedBefore.push(lines.length);
      return ask(question);
    };
    const result = await scaffold({ dryRun: true }, { cwd: makeTree(), ask: asking, print: (line) => lines.push(line) });
    expect([questions.length, printedBefore, result.packageName]).toEqual([3, [0, 1, 2], 'greeter-plugin-pirate']);
  });

  it('checks an answer against --scope', async () => {
    const { ask, questions } = answering('@other/pirate', 'pirate');
    const result = await scaffold({ scope: '@acme', dryRun: true }, { cwd: makeTree(), ask });
    expect([questions.length, result.packageName]).toEqual([2, '@acme/greeter-plugin-pirate']);
  });

  it("gives up with the last answer's code after three wrong answers, writing nothing", async () => {
    const cwd = makeTree();
    const { ask, questions } = answering('a.b', 'a b', '../x', 'pirate');
    expect(await rejectionCode(scaffold({}, { cwd, ask }))).toBe('GREETER_INVALID_NAME');
    expect(questions.length).toBe(3);
  });

  it('is a usage error without a language where nobody can answer, or with --yes', async () => {
    const cwd = makeTree();
    expect(await rejectionCode(scaffold({}, { cwd }))).toBe('GREETER_USAGE');
    const { ask, questions } = answering('pirate');
    expect(await rejectionCode(scaffold({ yes: true }, { cwd, ask }))).toBe('GREETER_USAGE');
    expect(questions).toEqual([]);
  });

  it('reports a wrong --scope without asking', async () => {
    const { ask, questions } = answering('pirate');
    expect(await rejectionCode(scaffold({ scope: '@Bad Scope' }, { cwd: makeTree(), ask }))).toBe('GREETER_USAGE');
    expect(questions).toEqual([]);
  });

  it('is not asked when the language is given', async () => {
    const { ask, questions } = answering('pirate');
    await scaffold({ language: 'klingon', dryRun: true }, { cwd: makeTree(), ask });
    expect(questions).toEqual([]);
  });
});
