/** The default time a plugin has to load and greet, in milliseconds. */
export const defaultTimeoutMs = 5000;

/** The default heap limit of an isolated plugin, in MiB. */
export const defaultMemoryLimitMb = 256;
