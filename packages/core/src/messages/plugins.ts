import { defineErrorMessages } from '../error-messages.js';

// The failures of names and the plugin shape check (@greeter/core itself), as greeter words them.

export const pluginMessages = defineErrorMessages({});
