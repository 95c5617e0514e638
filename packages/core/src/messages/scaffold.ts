import { defineErrorMessages } from '../error-messages.js';

// The failures of scaffolding a plugin (create-greeter-plugin), as greeter words them.

export const scaffoldMessages = defineErrorMessages({});
