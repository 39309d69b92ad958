/** The environment a configuration is read from (process.env, or a test's object). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What a variable's default or rules may depend on: NODE_ENV as written (development when unset). */
export interface Context {
  readonly nodeEnv: string;
  /** Whether REDIS_CLUSTER_NODES names a Redis Cluster (BullMQ's prefix then needs a hash tag). */
  readonly redisCluster?: boolean;
}

/** Why a value is refused: the words that follow the variable's name (and value) in its message. */
export class Rejection {
  constructor(readonly reason: string) {}
}

export const reject = (reason: string): Rejection => new Rejection(reason);

export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string };

/** One environment variable: its name, default, rules and the one message each bad value gets. */
export interface Variable<T> {
  readonly name: string;
  /** The default as README's configuration table shows it. */
  readonly documentedDefault: string;
  /** What it sets, in one line. */
  readonly doc: string;
  /** The text it stands for in `env` (its default text when unset), undefined when unset without one. */
  text(env: Env, context: Context): string | undefined;
  read(env: Env, context: Context): Reading<T>;
}

export interface VariableSpec<T> {
  name: string;
  doc: string;
  /** The text an unset variable stands for; without it, `unset` gives the value. */
  fallback?: string | ((context: Context) => string);
  /** The value of an unset variable that has no fallback text (null for "off", or a refusal). */
  unset?: (context: Context) => T | Rejection;
  /** An empty value counts as unset (variables a deployment may list but leave blank). */
  emptyIsUnset?: boolean;
  /** Defaults to the fallback text in backquotes. */
  documentedDefault?: string;
  /**
   * How a message shows the value: `false` names the variable only (a secret, or a name that may hold
   * invisible characters); a function shows it with its secret part masked. Default: as written.
   */
  shown?: false | ((text: string) => string);
  parse(text: string, context: Context): T | Rejection;
}

export function defineVariable<T>(spec: VariableSpec<T>): Variable<T> {
  const { name, fallback, unset, shown } = spec;
  if (fallback === undefined && unset === undefined) throw new Error(`${name} needs a fallback or an unset value`);
  const given = (env: Env) => {
    const value = env[name];
    return value === '' && spec.emptyIsUnset ? undefined : value;
  };
  const text = (env: Env, context: Context) =>
    given(env) ?? (typeof fallback === 'function' ? fallback(context) : fallback);
  const label = (value: string | undefined) => {
    if (value === undefined || shown === false) return name;
    return `${name}=${shown ? shown(value) : value}`;
  };
  return {
    name,
    doc: spec.doc,
    documentedDefault: documentedDefault(spec),
    text,
    read(env, context) {
      const value = text(env, context);
      const result = value === undefined ? unset!(context) : spec.parse(value, context);
      if (result instanceof Rejection) return { ok: false, problem: `${label(value)} ${result.reason}` };
      return { ok: true, value: result };
    },
  };
}

function documentedDefault(spec: VariableSpec<unknown>): string {
  if (spec.documentedDefault !== undefined) return spec.documentedDefault;
  if (typeof spec.fallback === 'string') return `\`${spec.fallback}\``;
  throw new Error(`${spec.name} needs its documented default: it has no fixed fallback text`);
}
