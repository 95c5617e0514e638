// Limits shared by in-process and isolated greetings. A module of its own:
// the isolated runner (bundled apart from the in-process one) imports these
// without pulling in the process guard.

/** The default time a plugin has to load and greet, in milliseconds. */
export const defaultTimeoutMs = 5000;

/** The default heap limit of an isolated plugin, in MiB. */
export const defaultMemoryLimitMb = 256;
