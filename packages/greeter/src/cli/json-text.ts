// Captured when the CLI is loaded, before any plugin code ran: what a
// plugin changes afterwards (Object.prototype.toJSON, String.prototype
// members, JSON.stringify itself) cannot change the document greeter prints.
// JSON.stringify is used on primitives alone, where it consults no toJSON.
const stringify = JSON.stringify;
const { isArray } = Array;
const { ownKeys } = Reflect;
const { getOwnPropertyDescriptor, hasOwn } = Object;
const charCodeAt = Function.prototype.call.bind(String.prototype.charCodeAt) as (text: string, index: number) => number;
const slice = Function.prototype.call.bind(String.prototype.slice) as (text: string, start: number, end?: number) => string;

const hexDigits = '0123456789abcdef';
const maxDepth = 64;

/**
 * One JSON document as greeter prints it: the text `JSON.stringify(document,
 * null, indent)` gives plain data, one line break at the end, and no raw
 * character that could move a terminal's cursor or reorder its text
 * (JSON.stringify escapes C0 controls; C1 controls, bidirectional marks and
 * the line and paragraph separators are escaped too). Reads own enumerable
 * data properties only: no getter, toJSON or other code of the values runs.
 */
export function jsonText(document: unknown, indent = 2): string {
  let gap = '';
  for (let index = 0; index < indent; index++) gap += ' ';
  return `${write(document, gap, '', 0) ?? 'null'}\n`;
}

// The value's text, or undefined for what JSON leaves out (undefined, functions, symbols).
function write(value: unknown, gap: string, indentation: string, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= maxDepth) throw new TypeError('A JSON document nested too deep');
      return isArray(value) ? writeArray(value, gap, indentation, depth) : writeObject(value, gap, indentation, depth);
    case 'bigint':
      throw new TypeError('A BigInt cannot be written as JSON');
    default:
      return undefined;
  }
}

function writeArray(array: readonly unknown[], gap: string, indentation: string, depth: number): string {
  const inner = indentation + gap;
  let text = '';
  for (let index = 0; index < array.length; index++) {
    const item = write(dataOf(array, `${index}`), gap, inner, depth + 1) ?? 'null';
    text += `${index === 0 ? '' : ','}${gap === '' ? '' : `\n${inner}`}${item}`;
  }
  return text === '' ? '[]' : `[${text}${gap === '' ? '' : `\n${indentation}`}]`;
}

function writeObject(object: object, gap: string, indentation: string, depth: number): string {
  const inner = indentation + gap;
  const keys = ownKeys(object);
  let text = '';
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    if (typeof key !== 'string' || !getOwnPropertyDescriptor(object, key)?.enumerable) continue;
    const item = write(dataOf(object, key), gap, inner, depth + 1);
    if (item === undefined) continue;
    text += `${text === '' ? '' : ','}${gap === '' ? '' : `\n${inner}`}${quote(key)}:${gap === '' ? '' : ' '}${item}`;
  }
  return text === '' ? '{}' : `{${text}${gap === '' ? '' : `\n${indentation}`}}`;
}

// An own data property's value; an accessor (or a hole) reads as undefined, its getter never called.
function dataOf(target: object, key: string): unknown {
  const descriptor = getOwnPropertyDescriptor(target, key);
  return descriptor !== undefined && hasOwn(descriptor, 'value') ? descriptor.value : undefined;
}

function quote(text: string): string {
  const quoted = stringify(text);
  let result = '';
  let start = 0;
  for (let index = 0; index < quoted.length; index++) {
    const code = charCodeAt(quoted, index);
    if (!isRawInJson(code)) continue;
    result += `${slice(quoted, start, index)}\\u${hexDigits[(code >> 12) & 15]}${hexDigits[(code >> 8) & 15]}${hexDigits[(code >> 4) & 15]}${hexDigits[code & 15]}`;
    start = index + 1;
  }
  return start === 0 ? quoted : result + slice(quoted, start);
}

function isRawInJson(code: number): boolean {
  return (
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}
