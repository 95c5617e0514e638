/** The default heap limit of an isolated plugin, in MiB. */
export const defaultMemoryLimitMb = 256;
