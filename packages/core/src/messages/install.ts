import { defineErrorMessages } from '../error-messages.js';

// The failures of running the package manager for add, update and remove (greeter's commands), as greeter words them.

export const installMessages = defineErrorMessages({});
