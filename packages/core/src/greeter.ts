/** Options passed to {@link Greeter.greet}. */
export interface GreetOptions {
  /** Who to greet. Without it the plugin greets the universe. */
  name?: string;
}

/**
 * What a plugin exports as `Greeter` (or as its default export): the
 * TypeScript form of the interface Go's plugin demo asserts against.
 */
export interface Greeter {
  /** Returns the greeting in the plugin's language, or a promise of it. */
  greet(options?: GreetOptions): string | Promise<string>;
}

/**
 * The optional `greeterPlugin` field of a plugin's package.json, read without
 * running any of the plugin's code.
 */
export interface PluginManifest {
  /**
   * Languages and aliases the plugin answers to, e.g. `["chinese", "zh", "中文"]`.
   * Without it the language is the package name's suffix.
   */
  languages?: string[];
  /**
   * What the plugin needs beyond what an isolated plugin gets: the network,
   * environment variables by name. Greeter grants only what the user grants
   * in their config (`"permissions": { "<package>": { … } }`).
   */
  permissions?: PluginPermissions;
}

/** Permissions a plugin asks for in its manifest, or a user grants in the config. */
export interface PluginPermissions {
  /** TCP, UDP, DNS, HTTP and `fetch`. */
  net?: boolean;
  /** Environment variables, by name (`["WEATHER_API_KEY"]`). */
  env?: string[];
}

/**
 * Identity helper for plugin authors: returns its argument, typed.
 *
 * @example
 * export const Greeter = definePlugin({
 *   greet: ({ name } = {}) => `Hej ${name ?? 'Universum'}`,
 * });
 */
export function definePlugin<T extends Greeter>(greeter: T): T {
  return greeter;
}
