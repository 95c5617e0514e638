export { definePlugin } from './greeter.js';
export type { Greeter, GreetOptions, PluginManifest, PluginPermissions } from './greeter.js';
export { errorCatalogue, errorCodes, exitCodeFor } from './error-codes.js';
export type { GreeterErrorCode, SerializedGreeterError } from './error-codes.js';
export { GreeterError, isGreeterError } from './greeter-error.js';
export type { GreeterErrorOptions } from './greeter-error.js';
export { defineErrorMessages, errorFrom } from './error-messages.js';
export type { ErrorMessage, ParamsOf } from './error-messages.js';
export { isGreeter, lookupGreeter } from './lookup-greeter.js';
export type { GreeterLookup, GreeterSymbol } from './lookup-greeter.js';
export { displayName, displayText } from './display.js';
export {
  isReservedWord,
  reservedWords,
  isLanguageWord,
  isPackageName,
  isPluginPackageName,
  languageFromPackageName,
  parseLanguageRequest,
  pluginPrefix,
  tryParseLanguageRequest,
} from './names.js';
export type { LanguageRequest, ReservedWord } from './names.js';
export { coreVersion } from './version.js';
