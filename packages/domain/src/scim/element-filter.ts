import { ScimError } from './errors.js';

/**
 * The value filter of a PATCH path (`emails[type eq "work"]`, RFC 7644 §3.5.2), evaluated on the elements of a
 * multi-valued attribute in memory: a PATCH applies to one resource already read, so nothing here touches SQL.
 * Sub-attribute names are compared ignoring case; strings ignoring case (no sub-attribute of a user's
 * multi-valued attributes is caseExact except x509 values, which nobody filters on).
 */
export type ElementFilter =
  | { kind: 'compare'; attribute: string; op: string; value: string | number | boolean | null }
  | { kind: 'present'; attribute: string }
  | { kind: 'and' | 'or'; left: ElementFilter; right: ElementFilter }
  | { kind: 'not'; filter: ElementFilter }
  /** `members[value eq "…"]`: only in a resource's filter (Groups), never inside a PATCH value filter. */
  | { kind: 'valuePath'; attribute: string; filter: ElementFilter };

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const TOKEN = /\s*(?:(\()|(\))|("(?:[^"\\]|\\.)*")|([A-Za-z$][\w$.:-]*)|(-?\d+(?:\.\d+)?)|(\[)|(\]))/y;

type Token = { text: string; kind: 'open' | 'close' | 'string' | 'word' | 'number' | 'bracket' | 'end-bracket' };

function tokenize(text: string, invalid: (detail: string) => ScimError): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw invalid(`"${text}" cannot be read at character ${at + 1}`);
    const [, open, close, string, word, number, bracket, endBracket] = match;
    if (open) tokens.push({ text: open, kind: 'open' });
    else if (close) tokens.push({ text: close, kind: 'close' });
    else if (string) tokens.push({ text: string, kind: 'string' });
    else if (word) tokens.push({ text: word, kind: 'word' });
    else if (number) tokens.push({ text: number, kind: 'number' });
    else if (bracket) tokens.push({ text: bracket, kind: 'bracket' });
    else tokens.push({ text: endBracket!, kind: 'end-bracket' });
  }
  return tokens;
}

const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', `The PATCH path is invalid: ${detail}.`);

/** Parses a PATCH value filter: `attr op value`, `attr pr`, and, or, not (…), parentheses; no value paths. */
export function parseElementFilter(text: string): ElementFilter {
  return parseSimpleFilter(text, invalidPath, false);
}

/**
 * Parses a filter of the grammar of RFC 7644 §3.4.2.2 without resolving its attributes: `attr op value`,
 * `attr pr`, and, or, not (…), parentheses and (when `valuePaths`) one level of `attr[filter]`. Errors are made
 * by `invalid`, so a PATCH path reports invalidPath and a resource filter invalidFilter.
 */
export function parseSimpleFilter(
  text: string,
  invalid: (detail: string) => ScimError,
  valuePaths: boolean,
): ElementFilter {
  const invalidPath = invalid;
  const tokens = tokenize(text, invalid);
  let at = 0;
  const peek = () => tokens[at];
  const word = (expected: string) => peek()?.kind === 'word' && peek()!.text.toLowerCase() === expected;
  const or = (): ElementFilter => {
    let left = and();
    while (word('or')) {
      at += 1;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): ElementFilter => {
    let left = unit();
    while (word('and')) {
      at += 1;
      left = { kind: 'and', left, right: unit() };
    }
    return left;
  };
  const unit = (): ElementFilter => {
    const token = tokens[at++];
    if (!token) throw invalidPath(`the value filter "${text}" ends too early`);
    if (token.kind === 'open') {
      const inner = or();
      if (tokens[at++]?.kind !== 'close') throw invalidPath(`a parenthesis of "${text}" is not closed`);
      return inner;
    }
    if (token.kind === 'word' && token.text.toLowerCase() === 'not') {
      if (peek()?.kind !== 'open') throw invalidPath(`"not" in "${text}" must be followed by a filter in parentheses`);
      return { kind: 'not', filter: unit() };
    }
    if (token.kind !== 'word') throw invalidPath(`"${token.text}" in "${text}" is not an attribute`);
    if (peek()?.kind === 'bracket') {
      if (!valuePaths) throw invalidPath(`value paths cannot nest ("${token.text}[" in "${text}")`);
      at += 1;
      const inner = parseInner();
      if (tokens[at++]?.kind !== 'end-bracket') throw invalidPath(`a "[" of "${text}" is not closed`);
      return { kind: 'valuePath', attribute: token.text, filter: inner };
    }
    const op = tokens[at++];
    if (op?.kind === 'word' && op.text.toLowerCase() === 'pr') return { kind: 'present', attribute: token.text };
    if (op?.kind !== 'word' || !OPERATORS.has(op.text.toLowerCase())) {
      throw invalidPath(
        `"${token.text}" in "${text}" must be followed by an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)`,
      );
    }
    return {
      kind: 'compare',
      attribute: token.text,
      op: op.text.toLowerCase(),
      value: literal(tokens[at++], text, invalid),
    };
  };
  let nested = false;
  const parseInner = () => {
    if (nested) throw invalidPath(`value paths cannot nest in "${text}"`);
    nested = true;
    const inner = or();
    nested = false;
    return inner;
  };
  const filter = or();
  if (at < tokens.length) throw invalidPath(`"${tokens[at]!.text}" in "${text}" is unexpected`);
  return filter;
}

function literal(
  token: Token | undefined,
  text: string,
  invalidPath: (detail: string) => ScimError,
): string | number | boolean | null {
  if (!token) throw invalidPath(`the value filter "${text}" lacks a value`);
  if (token.kind === 'string') return JSON.parse(token.text) as string;
  if (token.kind === 'number') return Number(token.text);
  const word = token.text.toLowerCase();
  if (word === 'true' || word === 'false') return word === 'true';
  if (word === 'null') return null;
  throw invalidPath(
    `"${token.text}" in "${text}" is not a value (a string in double quotes, a number, true, false or null)`,
  );
}

const valueOf = (element: Record<string, unknown>, attribute: string) => {
  const key = Object.keys(element).find((name) => name.toLowerCase() === attribute.toLowerCase());
  return key === undefined ? undefined : element[key];
};

/** Whether an element (one e-mail address, one phone number …) matches the filter. */
export function elementMatches(element: Record<string, unknown>, filter: ElementFilter): boolean {
  switch (filter.kind) {
    case 'and':
      return elementMatches(element, filter.left) && elementMatches(element, filter.right);
    case 'or':
      return elementMatches(element, filter.left) || elementMatches(element, filter.right);
    case 'not':
      return !elementMatches(element, filter.filter);
    case 'present': {
      const value = valueOf(element, filter.attribute);
      return value !== undefined && value !== null && value !== '';
    }
    case 'compare':
      return compare(valueOf(element, filter.attribute), filter.op, filter.value);
    case 'valuePath':
      return false; // never parsed for elements (parseElementFilter refuses value paths)
  }
}

function compare(actual: unknown, op: string, expected: string | number | boolean | null): boolean {
  if (typeof expected === 'boolean') {
    const value = typeof actual === 'string' ? actual.toLowerCase() === 'true' : actual === true;
    return op === 'eq' ? value === expected : op === 'ne' ? value !== expected : false;
  }
  if (expected === null) return op === 'eq' ? actual === undefined || actual === null : op === 'ne' && actual != null;
  if (actual === undefined || actual === null) return op === 'ne';
  const a = String(actual).toLowerCase();
  const b = String(expected).toLowerCase();
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    default:
      return a <= b;
  }
}

/** The sub-attribute values an `eq` filter fixes (type eq "work" → {type: "work"}), for an element PATCH adds. */
export function equalities(filter: ElementFilter): Record<string, unknown> | null {
  if (filter.kind === 'compare' && filter.op === 'eq') return { [filter.attribute]: filter.value };
  if (filter.kind === 'and') {
    const left = equalities(filter.left);
    const right = equalities(filter.right);
    return left && right ? { ...left, ...right } : null;
  }
  return null;
}
