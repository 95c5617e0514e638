import { defineErrorMessages } from '../error-messages.js';

// The failures of discovering plugins and reading their package.json (@greeter/host's discovery and resolution), as greeter words them.

export const discoveryMessages = defineErrorMessages({});
