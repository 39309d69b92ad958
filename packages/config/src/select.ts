import { ConfigError } from './config-error.js';
import type { Context, Env, Variable } from './variable.js';
import { redisClusterNamed } from './variables/services.js';

/** An app's configuration shape, each field read from one variable. */
export type Selection<C> = { readonly [K in keyof C]: Variable<C[K]> };

/**
 * A rule between variables (e.g. one duration inside another), given the fields read so far (a field whose
 * variable was bad is missing) and the text each variable stands for. Returns the problem, or null.
 */
export type Rule<C> = (config: Partial<C>, text: (variable: Variable<unknown>) => string | undefined) => string | null;

/** The selection's fields read from `env`; throws one ConfigError with a line per bad variable. */
export function select<C>(env: Env, variables: Selection<C>, rules: readonly Rule<C>[] = []): C {
  // NODE_ENV as written: the defaults that depend on it follow it even where NODE_ENV itself is not selected.
  const context: Context = { nodeEnv: env.NODE_ENV ?? 'development', redisCluster: redisClusterNamed(env) };
  const config: Partial<C> = {};
  const problems: string[] = [];
  for (const field of Object.keys(variables) as (keyof C)[]) {
    const reading = variables[field].read(env, context);
    if (reading.ok) config[field] = reading.value;
    else problems.push(reading.problem);
  }
  for (const rule of rules) {
    const problem = rule(config, (variable) => variable.text(env, context));
    if (problem !== null) problems.push(problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as C;
}

/** The names of the variables a selection reads. */
export const variableNames = (variables: Readonly<Record<string, Variable<unknown>>>): string[] =>
  Object.values(variables).map((variable) => variable.name);
