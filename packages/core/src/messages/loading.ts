import { defineErrorMessages } from '../error-messages.js';

// The failures of loading a plugin and greeting in-process (@greeter/host's load and greet stages, and its failure classifier), as greeter words them.

export const loadingMessages = defineErrorMessages({});
