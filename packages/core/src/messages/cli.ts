import { defineErrorMessages } from '../error-messages.js';

// The failures of the command line itself: arguments, help, completion, init and the greeting command (greeter's CLI), as greeter words them.

export const cliMessages = defineErrorMessages({});
