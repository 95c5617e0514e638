import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './error-codes.js';
import { defineErrorMessages, errorFrom } from './error-messages.js';

const messages = defineErrorMessages({
  withHint: {
    code: 'GREETER_PERMISSION_DENIED',
    message: ({ name, what }: { name: string; what: string }) => `${name} tried to ${what}.`,
    hint: ({ name }: { name: string }) => `Trust ${name}.`,
  },
  catalogueHint: {
    code: 'GREETER_USAGE',
    message: ({ flag }: { flag: string }) => `${flag} takes a value.`,
  },
});

describe('errorFrom', () => {
  it("words the error from the entry's message and hint, with the parameters given", () => {
    const error = errorFrom(messages.withHint, { name: 'greeter-plugin-x', what: 'write' });
    expect(error.toJSON()).toEqual({ code: 'GREETER_PERMISSION_DENIED', message: 'greeter-plugin-x tried to write.', hint: 'Trust greeter-plugin-x.' });
  });

  it("takes the catalogue's hint and exit code for the code when the entry has no hint, and keeps the cause", () => {
    const cause = new Error('underneath');
    const error = errorFrom(messages.catalogueHint, { flag: '--cwd' }, { cause });
    expect([error.hint, error.exitCode, error.cause]).toEqual([errorCatalogue.GREETER_USAGE.hint, 2, cause]);
  });
});
