// Finds the modules a built JavaScript file loads at run time, without a
// parser dependency: a small tokenizer that knows strings, templates, regular
// expressions and comments (so text inside them never counts), and a scan of
// its tokens for `import … from`, `import '…'`, `export … from`, `import(…)`
// and `require(…)`. Type-only forms (`import type`, `export type`) are
// skipped: tsc removes them, but a file may still carry them.

/** One module a file loads when it runs. */
export interface RuntimeImport {
  specifier: string;
  /** 1-based line of the `import`, `export` or `require`. */
  line: number;
}

interface Token {
  kind: 'word' | 'string' | 'punct';
  value: string;
  line: number;
}

// After these a `/` starts a regular expression, not a division.
const beforeRegex = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);
const wordChar = /[\p{ID_Continue}$\u200c\u200d]/u;

/** The run-time imports of one JavaScript source, in order. */
export function scanImports(source: string): RuntimeImport[] {
  const tokens = tokenize(source);
  const found: RuntimeImport[] = [];
  const at = (index: number): Token | undefined => tokens[index];
  const isWord = (index: number, value: string) => at(index)?.kind === 'word' && at(index)?.value === value;
  const isPunct = (index: number, value: string) => at(index)?.kind === 'punct' && at(index)?.value === value;
  // The string after `from`, searched up to the end of the statement.
  const fromClause = (start: number): string | undefined => {
    for (let index = start; index < tokens.length && !isPunct(index, ';'); index++) {
      if (isWord(index, 'from') && at(index + 1)?.kind === 'string') return at(index + 1)!.value;
      if (index > start && (isWord(index, 'import') || isWord(index, 'export'))) return undefined;
    }
    return undefined;
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind !== 'word' || isPunct(index - 1, '.')) continue;
    let specifier: string | undefined;
    if (token.value === 'import') {
      const next = at(index + 1);
      if (next?.kind === 'string') specifier = next.value;
      else if (isPunct(index + 1, '(') && at(index + 2)?.kind === 'string') specifier = at(index + 2)!.value;
      else if (isPunct(index + 1, '.') || isPunct(index + 1, '(')) continue;
      else if (isWord(index + 1, 'type') && !isWord(index + 2, 'from') && !isPunct(index + 2, ',')) continue;
      else specifier = fromClause(index + 1);
    } else if (token.value === 'export') {
      if (isWord(index + 1, 'type')) continue;
      // `export * from`, `export * as name from`, `export { … } from`: never `export { a }` alone.
      let end = index + 1;
      if (isPunct(end, '{')) while (end < tokens.length && !isPunct(end, '}')) end++;
      else if (isPunct(end, '*')) end += isWord(end + 1, 'as') ? 2 : 0;
      else continue;
      if (isWord(end + 1, 'from') && at(end + 2)?.kind === 'string') specifier = at(end + 2)!.value;
    } else if (token.value === 'require' && isPunct(index + 1, '(') && at(index + 2)?.kind === 'string' && isPunct(index + 3, ')')) {
      specifier = at(index + 2)!.value;
    }
    if (specifier !== undefined) found.push({ specifier, line: token.line });
  }
  return found;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  // One entry per open `{`: true when it opened a template's `${`.
  const braces: boolean[] = [];
  let line = 1;
  let index = 0;
  const countLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (source.charCodeAt(i) === 10) line++;
  };
  // Reads a template's text from `index` to its end or to a `${`.
  const readTemplate = () => {
    const start = index;
    while (index < source.length && source[index] !== '`') {
      if (source[index] === '\\') index += 2;
      else if (source[index] === '$' && source[index + 1] === '{') {
        countLines(start, index);
        index += 2;
        braces.push(true);
        return;
      } else index++;
    }
    countLines(start, index);
    index++;
  };
  while (index < source.length) {
    const char = source[index]!;
    const next = source[index + 1];
    if (char === '\n') {
      line++;
      index++;
    } else if (/\s/.test(char)) index++;
    else if (char === '/' && next === '/') {
      while (index < source.length && source[index] !== '\n') index++;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', index + 2);
      const stop = end === -1 ? source.length : end + 2;
      countLines(index, stop);
      index = stop;
    } else if (char === '"' || char === "'") {
      const startLine = line;
      let value = '';
      index++;
      while (index < source.length && source[index] !== char && source[index] !== '\n') {
        if (source[index] === '\\') index++;
        value += source[index] ?? '';
        index++;
      }
      index++;
      tokens.push({ kind: 'string', value, line: startLine });
    } else if (char === '`') {
      index++;
      readTemplate();
      tokens.push({ kind: 'punct', value: '`', line });
    } else if (char === '}' && braces.length > 0 && braces.at(-1) === true) {
      braces.pop();
      index++;
      readTemplate();
    } else if (char === '/' && regexAllowed(tokens.at(-1))) {
      index = skipRegex(source, index);
      tokens.push({ kind: 'punct', value: '/', line });
    } else if (wordChar.test(char)) {
      const start = index;
      while (index < source.length && wordChar.test(source[index]!)) index++;
      tokens.push({ kind: 'word', value: source.slice(start, index), line });
    } else {
      if (char === '{') braces.push(false);
      else if (char === '}') braces.pop();
      tokens.push({ kind: 'punct', value: char, line });
      index++;
    }
  }
  return tokens;
}

function regexAllowed(previous: Token | undefined): boolean {
  if (previous === undefined) return true;
  if (previous.kind === 'word') return beforeRegex.has(previous.value);
  if (previous.kind === 'string') return false;
  return ![')', ']', '}', '`'].includes(previous.value);
}

// From the opening `/` to just past the flags; a `/` inside a class does not end it.
function skipRegex(source: string, start: number): number {
  let index = start + 1;
  let inClass = false;
  while (index < source.length && source[index] !== '\n') {
    const char = source[index];
    if (char === '\\') index++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
    index++;
  }
  index++;
  while (index < source.length && wordChar.test(source[index]!)) index++;
  return index;
}
