import { types } from 'node:util';
import { displayName, displayText, errorFrom, type GreeterError } from '@greeter/core';
import { loadingMessages } from '@greeter/core/messages';

/** What was running when plugin or config code failed. */
export type Phase = 'config' | 'load' | 'greet';

/**
 * How plugin or config code failed: it threw (or rejected), called
 * `process.exit`, threw from a callback (`uncaught`), left a rejection
 * unhandled, can never finish (`stalled`: nothing is left in the event loop
 * that could settle it, a timeout known early), or ran out of time.
 */
export type Failure =
  | { kind: 'threw'; value: unknown }
  | { kind: 'exit'; code: unknown }
  | { kind: 'uncaught'; value: unknown }
  | { kind: 'unhandled-rejection'; value: unknown }
  | { kind: 'stalled' }
  | { kind: 'timeout'; timeoutMs: number };

// What code that failed in each phase failed with, other than by time.
const codeFailed = {
  config: loadingMessages.configCodeFailed,
  load: loadingMessages.loadCodeFailed,
  greet: loadingMessages.greetCodeFailed,
} as const;

// Errors the host itself made: they pass through a guarded run as they are,
// where anything else — a GreeterError that plugin or config code built
// itself included — is classified by where it was thrown. Known by identity,
// in this module alone: plugin code cannot add its own.
const hostErrors = new WeakSet<object>();

/** Marks an error as made by greeter, not by plugin or config code. */
export function hostError<T extends GreeterError>(error: T): T {
  hostErrors.add(error);
  return error;
}

/** Whether greeter made this error (see {@link hostError}). */
export function isHostError(value: unknown): value is GreeterError {
  return typeof value === 'object' && value !== null && hostErrors.has(value);
}

/**
 * The one classification of everything plugin or config code can do wrong,
 * used in-process, in an isolated plugin's process and by `doctor` alike.
 * `subject` names the package or file. Never throws, whatever was thrown.
 */
export function errorForFailure(failure: Failure, phase: Phase, subject: string): GreeterError {
  return hostError(classify(failure, phase, subject));
}

function classify(failure: Failure, phase: Phase, subject: string): GreeterError {
  const cause = 'value' in failure ? failure.value : undefined;
  // Only where Node's permission model is on (an isolated plugin's process)
  // is a denied operation real; elsewhere such an error is just thrown.
  const denied = cause === undefined || !('permission' in process) ? undefined : deniedOperation(cause);
  if (denied !== undefined) return errorFrom(loadingMessages.permissionDenied, { subject, denied }, { cause });
  if (failure.kind === 'timeout') {
    const { timeoutMs } = failure;
    return errorFrom(phase === 'config' ? loadingMessages.configTimedOut : loadingMessages.timedOut, { subject, timeoutMs });
  }
  if (failure.kind === 'stalled' && phase !== 'config') return errorFrom(loadingMessages.neverSettles, { subject, phase });
  return errorFrom(codeFailed[phase], { subject, kind: failure.kind, value: described(failure) }, { cause });
}

// The thrown value or exit code a failure's sentence names.
function described(failure: Exclude<Failure, { kind: 'timeout' }>): string {
  if (failure.kind === 'stalled') return '';
  return failure.kind === 'exit' ? describeExitCode(failure.code) : describeThrown(failure.value);
}

/**
 * A short description of any thrown value, safe for a terminal. It never
 * throws and runs no code of the value's: a Proxy is never touched, and
 * only own data properties are read, so no getter runs.
 */
export function describeThrown(value: unknown): string {
  try {
    return describe(value);
  } catch {
    // Nothing above should throw; a value that still manages it stays anonymous.
    return 'a value that cannot be described';
  }
}

function describe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `the string ${displayName(firstLine(value), 160)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'symbol':
      return 'a symbol';
  }
  if (value === null || value === undefined) return String(value);
  if (types.isProxy(value)) return 'a Proxy';
  const message = dataProperty(value, 'message');
  const text = typeof message === 'string' ? firstLine(message) : undefined;
  if (types.isNativeError(value)) {
    const name = dataProperty(value, 'name');
    return displayName(`${typeof name === 'string' ? name : 'Error'}${text === undefined ? '' : `: ${text}`}`, 160);
  }
  const kind = typeof value === 'function' ? 'a function' : 'an object';
  return text === undefined ? kind : `${kind} with the message ${displayName(text, 160)}`;
}

/**
 * What the permission model denied, when `value` is its ERR_ACCESS_DENIED
 * error: "read /etc/hostname", "write files", "start a child process".
 */
export function deniedOperation(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return undefined;
  const code = dataProperty(value, 'code');
  if (code === 'ERR_DLOPEN_DISABLED') return 'load a native addon';
  // Yarn Plug'n'Play reports a denied read of a package as a failed resolution.
  if (code === 'MODULE_NOT_FOUND' && dataProperty(value, 'pnpCode') === 'QUALIFIED_PATH_RESOLUTION_FAILED') {
    const message = dataProperty(value, 'message');
    if (typeof message === 'string' && message.includes('access to this API has been restricted')) return 'read a package file outside its own';
  }
  const denial = accessDenied(value);
  if (denial === undefined) return undefined;
  const permission = permissionOf(denial);
  const resource = dataProperty(denial, 'resource');
  const where = typeof resource === 'string' && resource !== '' ? ` ${displayText(resource)}` : '';
  switch (permission) {
    case 'FileSystemRead':
      return `read${where || ' a file'}`;
    case 'FileSystemWrite':
      return `write${where || ' a file'}`;
    case 'ChildProcess':
      return 'start a child process';
    case 'WorkerThreads':
      return 'start a worker thread';
    case 'Addons':
      return 'load a native addon';
    case 'WASI':
      return 'use WASI';
    case 'Inspector':
      return 'open the inspector';
    case 'Signal':
      return 'send a signal to another process';
    case 'V8Flags':
      return "change V8's flags";
    case 'Net':
      return `use the network${where}`;
    default:
      return 'do something the permission model forbids';
  }
}

/**
 * The permission a value names when it is the permission model's
 * ERR_ACCESS_DENIED error (or greeter's network lock's), and the path or
 * address it was denied; read without running any of its code.
 */
export function permissionDenial(value: unknown): { permission: string; resource: string } | undefined {
  const denial = accessDenied(value);
  if (denial === undefined) return undefined;
  const resource = dataProperty(denial, 'resource');
  return { permission: permissionOf(denial) ?? '', resource: typeof resource === 'string' ? resource : '' };
}

// The permission a denial names. Node 25+'s own network denial names none:
// its message alone ("Use --allow-net to manage permissions") tells it.
function permissionOf(denial: object): string | undefined {
  const permission = dataProperty(denial, 'permission');
  if (typeof permission === 'string') return permission;
  const message = dataProperty(denial, 'message');
  return typeof message === 'string' && message.includes('--allow-net') ? 'Net' : undefined;
}

// The ERR_ACCESS_DENIED error a value is, or wraps as its cause (`fetch`
// rejects with "fetch failed", the denial as its cause); a few levels deep.
function accessDenied(value: unknown): object | undefined {
  let current = value;
  for (let depth = 0; depth < 4; depth++) {
    if (typeof current !== 'object' || current === null || types.isProxy(current)) return undefined;
    if (dataProperty(current, 'code') === 'ERR_ACCESS_DENIED') return current;
    current = dataProperty(current, 'cause');
  }
  return undefined;
}

// An own data property, or one on the prototype chain (where an Error keeps
// its name); accessors are never called.
function dataProperty(value: object, key: string): unknown {
  let current: object | null = value;
  for (let depth = 0; current !== null && depth < 8; depth++) {
    if (types.isProxy(current)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor) return 'value' in descriptor ? descriptor.value : undefined;
    current = Object.getPrototypeOf(current);
  }
  return undefined;
}

function describeExitCode(code: unknown): string {
  return code === undefined ? '' : typeof code === 'number' ? String(code) : describeThrown(code);
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}
