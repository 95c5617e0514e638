import { defineErrorMessages } from '../error-messages.js';

// The failures of finding and reading the greeter config and creating a host (@greeter/host), as greeter words them.

export const configMessages = defineErrorMessages({});
