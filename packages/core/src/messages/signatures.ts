import { defineErrorMessages } from '../error-messages.js';

// The failures of registry signatures, provenance and checking what was installed (greeter's registry modules), as greeter words them.

export const signatureMessages = defineErrorMessages({});
