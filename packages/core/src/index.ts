export { definePlugin } from './greeter.js';
export type { Greeter, GreetOptions, PluginManifest } from './greeter.js';
export { errorCatalogue, errorCodes, exitCodeFor } from './error-codes.js';
export type { GreeterErrorCode } from './error-codes.js';
export { GreeterError, isGreeterError } from './greeter-error.js';
export type { GreeterErrorOptions } from './greeter-error.js';
export { isGreeter, lookupGreeter } from './lookup-greeter.js';
export type { GreeterLookup, GreeterSymbol } from './lookup-greeter.js';
export {
  displayName,
  isLanguageWord,
  isPluginPackageName,
  languageFromPackageName,
  parseLanguageRequest,
  pluginPrefix,
} from './names.js';
export type { LanguageRequest } from './names.js';
export { coreVersion } from './version.js';
