import { types } from 'node:util';
import type { GreeterError } from '@greeter/core';
import { permissionDenial } from '../../failures.js';
import { deniedPermissions, pluginFailureCodes, type DeniedPermission, type FailureFacts, type PluginFailureCode } from '../protocol.js';

/**
 * A failure of plugin code as facts for the parent: the code (one a plugin
 * can fail with), the phase, and what happened in plain words — for a
 * thrown value its own first line, the parent quotes it — and, for a
 * denial, which permission and resource.
 */
export function failureFacts(error: GreeterError, subject: string): FailureFacts {
  const code: PluginFailureCode = (pluginFailureCodes as readonly string[]).includes(error.code) ? (error.code as PluginFailureCode) : 'GREETER_GREET_FAILED';
  const phase = code === 'GREETER_PLUGIN_LOAD_FAILED' || code === 'GREETER_PLUGIN_INVALID' ? 'load' : 'greet';
  const facts: FailureFacts = { code, phase, detail: error.cause === undefined ? withoutSubject(error.message, subject) : plainText(error.cause) };
  const denial = code === 'GREETER_PERMISSION_DENIED' ? permissionDenial(error.cause) : undefined;
  if (denial && (deniedPermissions as readonly string[]).includes(denial.permission)) {
    facts.denied = { permission: denial.permission as DeniedPermission, resource: denial.resource };
  }
  return facts;
}

function withoutSubject(message: string, subject: string): string {
  return message.startsWith(`${subject} `) ? message.slice(subject.length + 1) : message;
}

// A thrown value's first line as it would print: `TypeError: x is not a function`, the string itself.
function plainText(value: unknown): string {
  try {
    if (typeof value === 'string') return firstLine(value);
    if (typeof value !== 'object' || value === null || types.isProxy(value)) return String(value);
    const name = ownString(value, 'name') ?? 'Error';
    const message = ownString(value, 'message');
    return firstLine(message === undefined ? name : `${name}: ${message}`);
  } catch {
    return 'a value that cannot be described';
  }
}

// An own or inherited data property that is a string; no getter runs.
function ownString(value: object, key: string): string | undefined {
  for (let current: object | null = value, depth = 0; current !== null && depth < 8; current = Object.getPrototypeOf(current), depth++) {
    if (types.isProxy(current)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor) return typeof descriptor.value === 'string' ? descriptor.value : undefined;
  }
  return undefined;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}
