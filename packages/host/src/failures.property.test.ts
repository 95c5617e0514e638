import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodes, isGreeterError } from '@greeter/core';
import { deniedOperation, describeThrown, errorForFailure, type Failure, type Phase } from './failures.js';
import { nodeFeaturesOf } from './isolate/plan.js';

// Every getter and Proxy trap below counts its calls: describing a value
// must run none of its code.
let calls = 0;
const hostile = (): never => {
  calls++;
  throw new Error('hostile code ran');
};

const trapNames = [
  'get',
  'set',
  'has',
  'deleteProperty',
  'ownKeys',
  'getOwnPropertyDescriptor',
  'defineProperty',
  'getPrototypeOf',
  'setPrototypeOf',
  'isExtensible',
  'preventExtensions',
  'apply',
  'construct',
] as const;
const throwingHandler = (): ProxyHandler<object> => Object.fromEntries(trapNames.map((trap) => [trap, hostile]));

function withThrowingGetters<T extends object>(target: T, keys: PropertyKey[]): T {
  for (const key of keys) Object.defineProperty(target, key, { get: hostile, configurable: true });
  return target;
}

// 'stack' first: redefining it on an Error makes V8 format the stack, which reads the name and message.
const everyKey: PropertyKey[] = ['stack', 'message', 'name', 'toString', 'valueOf', 'code', 'constructor', Symbol.toPrimitive, Symbol.toStringTag];

// Values made to hurt whoever inspects them.
const hostileValues: Array<[label: string, make: () => unknown]> = [
  ['a Proxy whose every trap throws', () => new Proxy({}, throwingHandler())],
  ['a function Proxy whose every trap throws', () => new Proxy(() => {}, throwingHandler())],
  ['an Error Proxy whose every trap throws', () => new Proxy(new Error('inside'), throwingHandler())],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  ],
  ['an object whose getters all throw', () => withThrowingGetters({}, everyKey)],
  ['an Error whose getters all throw', () => withThrowingGetters(new Error('x'), everyKey)],
  ['a TypeError whose message getter throws', () => withThrowingGetters(new TypeError('x'), ['message'])],
  ['an Error whose prototype is a throwing Proxy', () => Object.setPrototypeOf(new Error('own message'), new Proxy({}, throwingHandler()))],
  ['an object whose prototype has throwing getters', () => Object.create(withThrowingGetters({}, everyKey))],
  ['a null-prototype object', () => Object.create(null)],
  ['a null-prototype object with a message', () => Object.assign(Object.create(null), { message: 'plain\u0007bell\nsecond line' })],
  ['a frozen Error', () => Object.freeze(new Error('frozen'))],
  ['a frozen object with throwing getters', () => Object.freeze(withThrowingGetters({}, everyKey))],
  ['a function with throwing getters', () => withThrowingGetters(function named() {}, ['message', 'name', Symbol.toPrimitive])],
  ['a class', () => class Thrown {}],
  ['a symbol', () => Symbol('\u001b[31mred')],
  ['a bigint', () => 12345678901234567890n],
  ['a string of control characters', () => '\u0000\u001b[2J\u0085\u009b\r'],
  ['an empty string', () => ''],
  ['an Error with control characters in its name and message', () => Object.assign(new Error('\u001b[31mred\u0000'), { name: 'Bad\u0007Name' })],
  ['an Error with an empty name and message', () => Object.assign(new Error(''), { name: '' })],
  ['an Error with a non-string message', () => Object.assign(new Error(), { message: Symbol('m') })],
  ['NaN', () => Number.NaN],
  ['undefined', () => undefined],
  ['null', () => null],
  ['a deep prototype chain', () => Array.from({ length: 50 }).reduce<object>((proto) => Object.create(proto), withThrowingGetters({}, everyKey))],
];

// fast-check inspects the values it generates, so the hostile ones are made
// inside each property, from a recipe.
type Recipe = { value: unknown } | { hostile: number } | { errorMessage: string };
const recipe: fc.Arbitrary<Recipe> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .anything({
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true,
      })
      .map((value) => ({ value })),
  },
  { weight: 2, arbitrary: fc.nat({ max: hostileValues.length - 1 }).map((hostile) => ({ hostile })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((errorMessage) => ({ errorMessage })) },
);
const make = (from: Recipe): unknown =>
  'hostile' in from ? hostileValues[from.hostile]![1]() : 'errorMessage' in from ? new Error(from.errorMessage) : from.value;

const phases: Phase[] = ['config', 'load', 'greet'];
const failureKinds = ['threw', 'uncaught', 'unhandled-rejection', 'exit', 'stalled', 'timeout'] as const;
function makeFailure(kind: (typeof failureKinds)[number], from: Recipe, timeoutMs: number): Failure {
  switch (kind) {
    case 'exit':
      return { kind, code: make(from) };
    case 'stalled':
      return { kind };
    case 'timeout':
      return { kind, timeoutMs };
    default:
      return { kind, value: make(from) };
  }
}

const controlCharacter = /\p{Cc}/u;

describe('describeThrown', () => {
  it.each(hostileValues)('describes %s without running its code', (_label, make) => {
    const value = make();
    calls = 0;
    const text = describeThrown(value);
    expect({ calls, type: typeof text, empty: text === '', control: controlCharacter.test(text) }).toEqual({
      calls: 0,
      type: 'string',
      empty: false,
      control: false,
    });
  });

  it('never throws, never runs a getter, and returns a non-empty line without control characters, for any value', () => {
    fc.assert(
      fc.property(recipe, (from) => {
        const value = make(from);
        calls = 0;
        const text = describeThrown(value);
        expect(calls).toBe(0);
        expect(text).not.toBe('');
        expect(text).not.toMatch(controlCharacter);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('errorForFailure', () => {
  it('classifies every failure, in every phase, with a catalogue code and without running plugin code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...failureKinds), recipe, fc.nat({ max: 100_000 }), fc.constantFrom(...phases), (kind, from, timeoutMs, phase) => {
        const thrown = makeFailure(kind, from, timeoutMs);
        calls = 0;
        const error = errorForFailure(thrown, phase, 'greeter-plugin-x');
        expect(calls).toBe(0);
        expect(isGreeterError(error)).toBe(true);
        expect(errorCodes).toContain(error.code);
        expect(error.code).not.toBe('GREETER_INTERNAL');
        expect(error.message).not.toMatch(controlCharacter);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['config', 'GREETER_CONFIG_INVALID', 'GREETER_CONFIG_INVALID'],
    ['load', 'GREETER_PLUGIN_LOAD_FAILED', 'GREETER_GREET_TIMEOUT'],
    ['greet', 'GREETER_GREET_FAILED', 'GREETER_GREET_TIMEOUT'],
  ] as const)('gives the %s phase its code for every kind of failure, and a stall the timeout code', (phase, code, timeoutCode) => {
    const kinds: Failure[] = [
      { kind: 'threw', value: new Error('x') },
      { kind: 'exit', code: 0 },
      { kind: 'uncaught', value: 'x' },
      { kind: 'unhandled-rejection', value: null },
    ];
    expect(kinds.map((kind) => errorForFailure(kind, phase, 'subject').code)).toEqual(kinds.map(() => code));
    expect(errorForFailure({ kind: 'timeout', timeoutMs: 10 }, phase, 'subject').code).toBe(timeoutCode);
    expect(errorForFailure({ kind: 'stalled' }, phase, 'subject').code).toBe(timeoutCode);
  });

  it('gives a config that did not load in time a hint about time, not about its keys', () => {
    expect(errorForFailure({ kind: 'timeout', timeoutMs: 10 }, 'config', '.greeterrc.mjs').hint).toMatch(/--timeout <ms>/);
  });
});

// Node's own ERR_ACCESS_DENIED errors, made by a process under the permission
// model, and rebuilt here with the same fields.
let deniedShapes: Array<Record<string, unknown>> | undefined;
function realDeniedErrors(): Array<Record<string, unknown>> {
  deniedShapes ??= captureDeniedErrors();
  return deniedShapes;
}

function captureDeniedErrors(): Array<Record<string, unknown>> {
  const script = `
    const attempts = {
      read: () => require('node:fs').readFileSync('/etc/hostname'),
      write: () => require('node:fs').writeFileSync('/nonexistent-greeter-sentinel', 'x'),
      spawn: () => require('node:child_process').spawnSync('true'),
      worker: () => new (require('node:worker_threads').Worker)('0', { eval: true }),
    };
    const shapes = [];
    for (const attempt of Object.values(attempts)) {
      try { attempt(); shapes.push({ allowed: true }); } catch (error) { shapes.push({ ...error, message: error.message }); }
    }
    process.stdout.write(JSON.stringify(shapes));`;
  const child = spawnSync(process.execPath, [nodeFeaturesOf(process.version).permissionFlag, '--disable-warning=ExperimentalWarning', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(child.stdout) as Array<Record<string, unknown>>;
}

describe('deniedOperation', () => {
  it('recognises every error the permission model throws, and nothing else', () => {
    const shapes = realDeniedErrors();
    const rebuilt = shapes.map(({ message, ...fields }) => Object.assign(new Error(String(message)), fields));
    expect(shapes.map((shape) => shape['code'])).toEqual(['ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED']);
    expect(rebuilt.map((error) => deniedOperation(error) !== undefined)).toEqual([true, true, true, true]);
    // Outside the permission model (this process), such an error is only thrown: it names no real denial.
    expect(rebuilt.map((error) => errorForFailure({ kind: 'threw', value: error }, 'greet', 'greeter-plugin-x').code)).toEqual(
      rebuilt.map(() => 'GREETER_GREET_FAILED'),
    );
  });

  it('names the file a denied read or write was for', () => {
    const [read, write] = realDeniedErrors().map(({ message, ...fields }) => Object.assign(new Error(String(message)), fields));
    expect(deniedOperation(read)).toContain('/etc/hostname');
    expect(deniedOperation(write)).toContain('/nonexistent-greeter-sentinel');
  });

  it('is undefined for any other value, and runs none of its code', () => {
    fc.assert(
      fc.property(recipe, (from) => {
        const value = make(from);
        calls = 0;
        expect(deniedOperation(value)).toBeUndefined();
        expect(calls).toBe(0);
      }),
      { numRuns: 1000 },
    );
    const codeGetter = Object.defineProperty(new Error('x'), 'code', { get: hostile });
    const proxied = new Proxy(Object.assign(new Error('x'), { code: 'ERR_ACCESS_DENIED', permission: 'FileSystemRead' }), {});
    expect([deniedOperation(codeGetter), deniedOperation(proxied), calls]).toEqual([undefined, undefined, 0]);
  });
});
