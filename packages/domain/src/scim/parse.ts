import {
  COMPARE_OPERATORS,
  type AttributeSpec,
  type CompareOperator,
  MULTI_VALUED,
  OPERATORS_BY_TYPE,
  SCIM_USER_SCHEMA,
  type ScimDateTime,
  type ScimElementField,
  type ScimElementFilter,
  type ScimLiteral,
  type ScimMultiValued,
  type ScimUserField,
  type ScimUserFilter,
  type ScimUserSortKey,
  USER_FIELDS,
} from './attributes.js';
import { ScimFilterError } from './errors.js';

/**
 * The filter grammar of RFC 7644 §3.4.2.2 (Figure 1), by recursive descent, resolving every attribute path
 * against the map of attributes.ts as it goes.
 *
 * Written here rather than taken from npm (scim2-parse-filter, scimmy): the grammar is some 200 lines, and
 * owning it gives what a generic parser does not — errors that name the attribute, operator and position and
 * say what is allowed; limits on size and nesting enforced while parsing (no unbounded recursion on hostile
 * input); string literals checked for what PostgreSQL text cannot hold (U+0000, lone surrogates); no
 * dependency to vet and keep. The generic parsers also return raw attribute strings, which would still need
 * this resolution step.
 *
 * Precedence: not > and > or (and/or left to right; chains are flattened). Attribute names, operators and the
 * literals true/false/null are case-insensitive (RFC 7643 §2.1; ABNF strings are). `not` must be followed by a
 * parenthesized filter, as the grammar says. A value path may be followed by a sub-attribute and a comparison
 * (`emails[type eq "work"].value co "@x"`, PATCH's path form), read as `emails[type eq "work" and value co "@x"]`.
 */

/** The longest filter accepted, in UTF-8 bytes. */
export const SCIM_FILTER_MAX_BYTES = 4096;
/** The deepest nesting of parentheses, `not (…)` and value paths accepted. */
export const SCIM_FILTER_MAX_DEPTH = 32;

type Token =
  | { t: '(' | ')' | '[' | ']' | 'end'; at: number }
  | { t: 'string'; value: string; at: number }
  | { t: 'number'; text: string; at: number }
  | { t: 'word'; text: string; at: number };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![A-Za-z0-9_$:.-])/y;
const WORD = /[A-Za-z0-9_$:.-]+/y;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_$-]*$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const where = (at: number) => `at position ${at + 1}`;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ t: c, at: i });
      i += 1;
    } else if (c === '"') {
      const [value, end] = readString(input, i);
      tokens.push({ t: 'string', value, at: i });
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(input);
      if (!match) throw new ScimFilterError(`malformed number ${where(i)}`);
      tokens.push({ t: 'number', text: match[0], at: i });
      i += match[0].length;
    } else if (/[A-Za-z.]/.test(c)) {
      WORD.lastIndex = i;
      const text = WORD.exec(input)![0];
      tokens.push({ t: 'word', text, at: i });
      i += text.length;
    } else {
      throw new ScimFilterError(`unexpected character ${JSON.stringify(c)} ${where(i)}`);
    }
  }
  tokens.push({ t: 'end', at: input.length });
  return tokens;
}

/** A JSON string (RFC 8259 §7) starting at the quote at `start`: its value and the index after it. */
function readString(input: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= input.length) throw new ScimFilterError(`unterminated string starting ${where(start)}`);
    const c = input[i]!;
    if (c === '"') break;
    if (c < ' ') {
      throw new ScimFilterError(
        `control character in the string starting ${where(start)}; escape it (\\n, \\u0009, …)`,
      );
    }
    if (c !== '\\') {
      value += c;
      i += 1;
      continue;
    }
    const e = input[i + 1];
    if (e === 'u') {
      const hex = input.slice(i + 2, i + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex))
        throw new ScimFilterError(`malformed \\u escape ${where(i)}: \\u and four hex digits`);
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (e !== undefined && e in ESCAPES) {
      value += ESCAPES[e];
      i += 2;
    } else {
      throw new ScimFilterError(`invalid escape ${where(i)}; JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
    }
  }
  if (value.includes('\u0000')) throw new ScimFilterError(`the string starting ${where(start)} contains U+0000`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new ScimFilterError(`the string starting ${where(start)} holds an unpaired surrogate (\\uD800–\\uDFFF)`);
  }
  return [value, i + 1];
}

/** A comparison value as written: a string, a number (never comparable here), true/false, or null. */
type RawValue =
  { t: 'string'; value: string } | { t: 'number'; text: string } | { t: 'boolean'; value: boolean } | { t: 'null' };

/** What an attribute path names at the top level. */
type UserTarget =
  { kind: 'field'; field: ScimUserField } | { kind: 'multi'; attribute: ScimMultiValued; sub: ScimElementField | null };

const USER_PATHS = new Map<string, UserTarget>();
for (const [field, spec] of Object.entries(USER_FIELDS) as [ScimUserField, (typeof USER_FIELDS)[ScimUserField]][]) {
  USER_PATHS.set(spec.path.toLowerCase(), { kind: 'field', field });
}
USER_PATHS.set('name.formatted', { kind: 'field', field: 'displayName' });
for (const [attribute, fields] of Object.entries(MULTI_VALUED) as [ScimMultiValued, object][]) {
  USER_PATHS.set(attribute.toLowerCase(), { kind: 'multi', attribute, sub: null });
  for (const sub of Object.keys(fields) as ScimElementField[]) {
    USER_PATHS.set(`${attribute}.${sub}`.toLowerCase(), { kind: 'multi', attribute, sub });
  }
}

const SUPPORTED =
  'id, externalId, userName, displayName, name.formatted, emails (value, type, primary), ' +
  'phoneNumbers (value, type, primary), groups (value, type), active, meta.created, meta.lastModified, meta.resourceType';

/** Why a known SCIM User attribute cannot be filtered on (lower-cased path → detail). */
const UNSUPPORTED: Record<string, string> = {
  name: 'name is complex: filter on name.formatted (Roster stores one name, also displayName)',
  meta: 'meta is complex: filter on meta.created, meta.lastModified or meta.resourceType',
  password: 'password is never returned or filtered on',
  'meta.location': 'meta.location is not stored and cannot be filtered on',
  'meta.version': 'meta.version is not stored and cannot be filtered on',
  'emails.display': 'emails.display is not stored; filter on emails.value',
  'phonenumbers.display': 'phoneNumbers.display is not stored; filter on phoneNumbers.value',
  'groups.display':
    'groups.display (the group name) is not supported for filtering; filter on groups.value (the group id)',
  'groups.$ref': 'groups.$ref is not supported for filtering; filter on groups.value (the group id)',
};
/** Attributes Roster keeps (end_users.scim) without a column of their own: returned, never filtered on. */
const NOT_STORED = [
  'name.givenName',
  'name.familyName',
  'name.middleName',
  'name.honorificPrefix',
  'name.honorificSuffix',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'addresses',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509Certificates',
  'schemas',
];

function unsupported(path: string, at: number): ScimFilterError {
  const key = path.toLowerCase();
  const root = key.split('.')[0]!;
  if (UNSUPPORTED[key]) return new ScimFilterError(`${UNSUPPORTED[key]} (${where(at)})`);
  const stored = NOT_STORED.find((name) => name.toLowerCase() === key || name.toLowerCase() === root);
  if (stored) {
    return new ScimFilterError(
      `${path} ${where(at)}: Roster keeps ${stored} as the identity provider sent it but does not filter on it; ` +
        `supported: ${SUPPORTED}`,
    );
  }
  return new ScimFilterError(`unknown attribute ${JSON.stringify(path)} ${where(at)}; supported: ${SUPPORTED}`);
}

/** An attribute path as written (optional core User schema URN, a name, at most one sub-attribute), lower-cased. */
function splitPath(text: string, at: number): string {
  let path = text;
  const colon = text.lastIndexOf(':');
  if (colon >= 0) {
    const schema = text.slice(0, colon);
    if (schema.toLowerCase() !== SCIM_USER_SCHEMA.toLowerCase()) {
      throw new ScimFilterError(
        `attributes of schema ${JSON.stringify(schema)} are not supported (${where(at)}); ` +
          `Roster filters on the core User schema (${SCIM_USER_SCHEMA}) only`,
      );
    }
    path = text.slice(colon + 1);
  }
  const parts = path.split('.');
  if (parts.length > 2 || !parts.every((part) => ATTRIBUTE_NAME.test(part))) {
    throw new ScimFilterError(
      `malformed attribute path ${JSON.stringify(text)} ${where(at)}; expected name or name.subAttribute`,
    );
  }
  return path;
}

function resolveUserPath(text: string, at: number): UserTarget {
  const path = splitPath(text, at);
  const target = USER_PATHS.get(path.toLowerCase());
  if (!target) throw unsupported(path, at);
  return target;
}

function elementSpec(attribute: ScimMultiValued, sub: ScimElementField): AttributeSpec {
  return MULTI_VALUED[attribute][sub]!;
}

/** `name.subAttribute` for messages, spelled as the map spells it. */
const label = (target: UserTarget): string =>
  target.kind === 'field'
    ? USER_FIELDS[target.field].path
    : target.sub
      ? `${target.attribute}.${target.sub}`
      : target.attribute;

/** A comparison or presence test on one attribute, checked against its type. */
type Test = { kind: 'present'; negated: boolean } | { kind: 'compare'; op: CompareOperator; value: ScimLiteral };

function checkTest(
  spec: AttributeSpec,
  path: string,
  op: CompareOperator | 'pr',
  raw: RawValue | null,
  at: number,
): Test {
  if (op === 'pr') return { kind: 'present', negated: false };
  const value = raw!;
  if (value.t === 'null') {
    if (op === 'eq' || op === 'ne') return { kind: 'present', negated: op === 'eq' };
    throw new ScimFilterError(
      `${path} ${op} null ${where(at)}: null compares only with eq ("has no value") or ne ("has a value"); or use ${path} pr`,
    );
  }
  const allowed = OPERATORS_BY_TYPE[spec.type];
  if (!allowed.includes(op)) {
    throw new ScimFilterError(
      `${op} is not allowed on ${path}, a ${spec.type} ${where(at)}; use one of ${[...allowed, 'pr'].join(', ')}`,
    );
  }
  const shown =
    value.t === 'string' ? JSON.stringify(value.value) : value.t === 'number' ? value.text : String(value.value);
  const expected =
    spec.type === 'string'
      ? 'a "quoted string"'
      : spec.type === 'boolean'
        ? 'true or false'
        : 'a "quoted" xsd:dateTime such as "2025-01-31T12:00:00Z"';
  const mismatch = () =>
    new ScimFilterError(`${path} is a ${spec.type}: compare it with ${expected}, not ${shown} (${where(at)})`);
  switch (spec.type) {
    case 'string':
      if (value.t !== 'string') throw mismatch();
      return { kind: 'compare', op, value: { type: 'string', value: value.value } };
    case 'boolean':
      if (value.t !== 'boolean') throw mismatch();
      return { kind: 'compare', op, value: { type: 'boolean', value: value.value } };
    case 'dateTime': {
      if (value.t !== 'string') throw mismatch();
      return { kind: 'compare', op, value: { type: 'dateTime', value: parseDateTime(value.value, path, at) } };
    }
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * An xsd:dateTime with a time zone (RFC 3339 §5.6), years 0001–9999, at most microseconds: what PostgreSQL's
 * timestamptz holds exactly. Without a zone it would depend on the database session's; finer, PostgreSQL rounds.
 */
export function parseDateTime(text: string, path = 'the value', at?: number): ScimDateTime {
  const m = DATE_TIME.exec(text);
  const invalid = (why: string) =>
    new ScimFilterError(
      `${path} compares with an xsd:dateTime such as "2025-01-31T12:00:00Z" or "2025-01-31T13:00:00.5+01:00"; ` +
        `${JSON.stringify(text)} ${why}${at === undefined ? '' : ` (${where(at)})`}`,
    );
  if (!m) throw invalid('is not one (a time zone, Z or ±hh:mm, is required)');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = m[7] ?? '';
  if (fraction.length > 6) throw invalid('has more than 6 fractional digits (microseconds)');
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw invalid('is not a valid date and time');
  }
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) throw invalid('has an invalid time zone offset');
  const sign = m[9] === '-' ? -1 : 1;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(6, '0').slice(0, 3)));
  const epochMs = date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = new Date(epochMs);
  if (utc.getUTCFullYear() < 1 || utc.getUTCFullYear() > 9999) throw invalid('falls outside years 0001–9999 in UTC');
  const micros = Number(fraction.padEnd(6, '0').slice(3));
  const iso = `${String(utc.getUTCFullYear()).padStart(4, '0')}${utc.toISOString().slice(-20, -1)}${String(micros).padStart(3, '0')}Z`;
  return { epochMs, micros, iso };
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private describe(token: Token): string {
    switch (token.t) {
      case 'end':
        return 'the end of the filter';
      case 'string':
        return `the string ${JSON.stringify(token.value)}`;
      case 'number':
        return `the number ${token.text}`;
      case 'word':
        return JSON.stringify(token.text);
      default:
        return `"${token.t}"`;
    }
  }

  private expect(t: '(' | ')' | ']' | 'end', what: string): void {
    const token = this.next();
    if (token.t !== t) throw new ScimFilterError(`expected ${what} ${where(token.at)}, found ${this.describe(token)}`);
  }

  private keyword(token: Token = this.peek()): string | null {
    return token.t === 'word' ? token.text.toLowerCase() : null;
  }

  private enter(at: number): void {
    this.depth += 1;
    if (this.depth > SCIM_FILTER_MAX_DEPTH) {
      throw new ScimFilterError(`the filter nests deeper than ${SCIM_FILTER_MAX_DEPTH} levels ${where(at)}`);
    }
  }

  filter(): ScimUserFilter {
    const filter = this.or(() => this.userAttribute());
    this.expect('end', '"and", "or" or the end of the filter');
    return filter;
  }

  private or<F extends { kind: string }>(attribute: () => F): F {
    const parts = [this.and(attribute)];
    while (this.keyword() === 'or') {
      this.next();
      parts.push(this.and(attribute));
    }
    return combine('or', parts);
  }

  private and<F extends { kind: string }>(attribute: () => F): F {
    const parts = [this.unary(attribute)];
    while (this.keyword() === 'and') {
      this.next();
      parts.push(this.unary(attribute));
    }
    return combine('and', parts);
  }

  private unary<F extends { kind: string }>(attribute: () => F): F {
    const token = this.peek();
    if (this.keyword(token) === 'not') {
      this.next();
      const open = this.peek();
      if (open.t !== '(') {
        throw new ScimFilterError(
          `"not" must be followed by a filter in parentheses, as in not (active eq true) ${where(open.at)}`,
        );
      }
      this.next();
      this.enter(open.at);
      const filter = this.or(attribute);
      this.expect(')', '")"');
      this.depth -= 1;
      return { kind: 'not', filter } as unknown as F;
    }
    if (token.t === '(') {
      this.next();
      this.enter(token.at);
      const filter = this.or(attribute);
      this.expect(')', '")"');
      this.depth -= 1;
      return filter;
    }
    if (token.t === 'word') return attribute();
    throw new ScimFilterError(`expected an attribute, "not" or "(" ${where(token.at)}, found ${this.describe(token)}`);
  }

  /** The operator after an attribute path and, unless it is pr, the value after it. */
  private operation(path: string): { op: CompareOperator | 'pr'; raw: RawValue | null; at: number } {
    const token = this.next();
    const op = this.keyword(token);
    if (op === 'pr') return { op, raw: null, at: token.at };
    if (!op || !(COMPARE_OPERATORS as readonly string[]).includes(op)) {
      throw new ScimFilterError(
        `expected an operator after ${path} ${where(token.at)}, found ${this.describe(token)}; ` +
          `use one of ${COMPARE_OPERATORS.join(', ')}, pr`,
      );
    }
    const valueToken = this.next();
    let raw: RawValue;
    const word = this.keyword(valueToken);
    if (valueToken.t === 'string') raw = { t: 'string', value: valueToken.value };
    else if (valueToken.t === 'number') raw = { t: 'number', text: valueToken.text };
    else if (word === 'true' || word === 'false') raw = { t: 'boolean', value: word === 'true' };
    else if (word === 'null') raw = { t: 'null' };
    else {
      throw new ScimFilterError(
        `expected a value after ${path} ${op} ${where(valueToken.at)}, found ${this.describe(valueToken)}; ` +
          'values are "strings" (JSON escapes), true, false, null or numbers',
      );
    }
    return { op: op as CompareOperator, raw, at: token.at };
  }

  private userAttribute(): ScimUserFilter {
    const pathToken = this.next() as Extract<Token, { t: 'word' }>;
    const target = resolveUserPath(pathToken.text, pathToken.at);
    if (this.peek().t === '[') {
      const open = this.next();
      if (target.kind !== 'multi' || target.sub !== null) {
        throw new ScimFilterError(
          `${label(target)} is not a multi-valued attribute; value filters [...] apply to emails, phoneNumbers and groups (${where(open.at)})`,
        );
      }
      this.enter(open.at);
      const inner = this.or(() => this.elementAttribute(target.attribute));
      this.expect(']', '"]"');
      this.depth -= 1;
      const after = this.peek();
      if (after.t === 'word' && after.text.startsWith('.')) {
        // emails[type eq "work"].value co "@x": the value filter and the sub-attribute's test, on one value.
        this.next();
        const sub = this.elementField(target.attribute, after.text.slice(1), after.at);
        const path = `${target.attribute}[…].${sub}`;
        const { op, raw, at } = this.operation(path);
        const test = elementTest(sub, checkTest(elementSpec(target.attribute, sub), path, op, raw, at));
        if (test.kind === 'not') {
          return {
            kind: 'not',
            filter: { kind: 'some', attribute: target.attribute, filter: and(inner, test.filter) },
          };
        }
        return { kind: 'some', attribute: target.attribute, filter: and(inner, test) };
      }
      return { kind: 'some', attribute: target.attribute, filter: inner };
    }
    const path = label(target);
    const { op, raw, at } = this.operation(path);
    if (target.kind === 'field') {
      const test = checkTest(USER_FIELDS[target.field], path, op, raw, at);
      if (test.kind === 'compare') return { kind: 'compare', field: target.field, op: test.op, value: test.value };
      const present: ScimUserFilter = { kind: 'present', field: target.field };
      return test.negated ? { kind: 'not', filter: present } : present;
    }
    // A multi-valued attribute without a sub-attribute compares its values' "value" (RFC 7643 §2.4).
    const sub = target.sub ?? 'value';
    const test = checkTest(elementSpec(target.attribute, sub), path, op, raw, at);
    if (test.kind === 'present' && target.sub === null) {
      const some: ScimUserFilter = { kind: 'some', attribute: target.attribute, filter: null };
      return test.negated ? { kind: 'not', filter: some } : some;
    }
    const element = elementTest(sub, test);
    return element.kind === 'not'
      ? { kind: 'not', filter: { kind: 'some', attribute: target.attribute, filter: element.filter } }
      : { kind: 'some', attribute: target.attribute, filter: element };
  }

  private elementField(attribute: ScimMultiValued, name: string, at: number): ScimElementField {
    const sub = (Object.keys(MULTI_VALUED[attribute]) as ScimElementField[]).find(
      (field) => field.toLowerCase() === name.toLowerCase(),
    );
    if (sub) return sub;
    if (!ATTRIBUTE_NAME.test(name)) {
      throw new ScimFilterError(
        `inside ${attribute}[...] name a sub-attribute (value, type, …), not ${JSON.stringify(name)} (${where(at)})`,
      );
    }
    throw unsupported(`${attribute}.${name}`, at);
  }

  private elementAttribute(attribute: ScimMultiValued): ScimElementFilter {
    const pathToken = this.next() as Extract<Token, { t: 'word' }>;
    const sub = this.elementField(attribute, pathToken.text, pathToken.at);
    if (this.peek().t === '[') {
      throw new ScimFilterError(`value filters cannot be nested (${attribute}[${sub}[...]]) ${where(this.peek().at)}`);
    }
    const path = `${attribute}.${sub}`;
    const { op, raw, at } = this.operation(path);
    return elementTest(sub, checkTest(elementSpec(attribute, sub), path, op, raw, at));
  }
}

function elementTest(field: ScimElementField, test: Test): ScimElementFilter {
  if (test.kind === 'compare') return { kind: 'compare', field, op: test.op, value: test.value };
  const present: ScimElementFilter = { kind: 'present', field };
  return test.negated ? { kind: 'not', filter: present } : present;
}

const and = (left: ScimElementFilter, right: ScimElementFilter): ScimElementFilter => combine('and', [left, right]);

/** One and/or node over the parts, nested nodes of the same kind flattened into it. */
function combine<F extends { kind: string }>(kind: 'and' | 'or', parts: F[]): F {
  if (parts.length === 1) return parts[0]!;
  const filters = parts.flatMap((part) =>
    part.kind === kind ? (part as unknown as { filters: F[] }).filters : [part],
  );
  return { kind, filters } as unknown as F;
}

/**
 * Parses a SCIM filter on Users into Roster's resolved AST; throws ScimFilterError (scimType invalidFilter)
 * for anything malformed, too large, naming an attribute Roster cannot filter on, or comparing a value of the
 * wrong type or with an operator the attribute's type does not allow.
 */
export function parseScimUserFilter(filter: string): ScimUserFilter {
  const bytes = new TextEncoder().encode(filter).length;
  if (bytes > SCIM_FILTER_MAX_BYTES) {
    throw new ScimFilterError(`the filter is ${bytes} bytes long; at most ${SCIM_FILTER_MAX_BYTES} are accepted`);
  }
  if (filter.trim() === '') throw new ScimFilterError('the filter is empty; omit the parameter to list every user');
  return new Parser(tokenize(filter)).filter();
}

const SORT_KEYS: Partial<Record<string, ScimUserSortKey>> = {
  username: 'userName',
  displayname: 'displayName',
  'name.formatted': 'displayName',
  externalid: 'externalId',
  'meta.created': 'created',
  'meta.lastmodified': 'lastModified',
  emails: 'emails',
  'emails.value': 'emails',
};

/** Resolves `sortBy` (RFC 7644 §3.4.2.3) like a filter's attribute path; ScimFilterError (invalidValue) otherwise. */
export function resolveScimUserSortBy(sortBy: string): ScimUserSortKey {
  let path: string;
  try {
    path = splitPath(sortBy.trim(), 0);
  } catch (error) {
    throw error instanceof ScimFilterError ? new ScimFilterError(`sortBy: ${error.detail}`, 'invalidValue') : error;
  }
  const key = SORT_KEYS[path.toLowerCase()];
  if (!key) {
    throw new ScimFilterError(
      `sortBy ${JSON.stringify(sortBy)} is not supported; sort by userName, displayName, externalId, ` +
        'meta.created, meta.lastModified or emails.value',
      'invalidValue',
    );
  }
  return key;
}
