import { GreeterError, displayName, parseLanguageRequest } from '@greeter/core';

/**
 * The package `greeter add <target>` means, by the host's naming rules:
 * `esperanto` → `greeter-plugin-esperanto`, `@acme/klingon` →
 * `@acme/greeter-plugin-klingon`, `@acme` → `@acme/greeter-plugin`.
 *
 * @throws GreeterError `GREETER_INVALID_NAME`
 */
export function pluginPackageName(target: string): string {
  const request = parseLanguageRequest(target);
  if (request.packageName === undefined) {
    throw new GreeterError('GREETER_INVALID_NAME', `${displayName(target)} cannot be part of an npm package name.`, {
      hint: 'Add the plugin by its package name, e.g. `greeter add chinese` for greeter-plugin-chinese.',
    });
  }
  return request.packageName;
}
