import { parseDuration } from '@roster/domain';
import { defineVariable, reject, type Variable } from './variable.js';

/** The kinds of value several variables share, so the same bad value gets the same words everywhere. */

interface Basics {
  name: string;
  doc: string;
}

/** A URL whose scheme is one of `protocols`; a password in it is masked in messages. */
export function urlVariable(spec: Basics & { fallback: string; protocols: string[] }): Variable<string> {
  return defineVariable({
    ...spec,
    shown: maskPassword,
    parse(text) {
      if (!URL.canParse(text)) return reject(`is not a URL (example: ${spec.fallback})`);
      if (!spec.protocols.includes(new URL(text).protocol)) {
        return reject(`must start with ${spec.protocols.map((p) => `${p}//`).join(' or ')}`);
      }
      return text;
    },
  });
}

/** `scheme://user:secret@host` → `scheme://user:***@host`, also in text that is not quite a URL. */
export const maskPassword = (text: string): string => text.replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@');

export const PORT_REASON = 'must be a port number between 1 and 65535';

export function parsePort(text: string): number | null {
  const port = Number(text);
  return /^\d+$/.test(text) && port >= 1 && port <= 65535 ? port : null;
}

export function portVariable(spec: Basics & { fallback: number }): Variable<number> {
  return defineVariable({
    ...spec,
    fallback: String(spec.fallback),
    parse: (text) => parsePort(text) ?? reject(PORT_REASON),
  });
}

/** A duration (`500ms`, `30s`, `15m`, `1h`, `30d`) above zero, in milliseconds. */
export function durationVariable(
  spec: Basics & { fallback: string | ((context: { nodeEnv: string }) => string); documentedDefault?: string },
  /** What the message adds after "must be a duration", e.g. "like 30s, 15m or 1h". */
  examples: string,
): Variable<number> {
  return defineVariable({
    ...spec,
    parse: (text) => parseDuration(text) ?? reject(`must be a duration ${examples}`),
  });
}

/** One of a fixed list of words. */
export function choiceVariable<const Choice extends string>(
  spec: Basics & { fallback: string | ((context: { nodeEnv: string }) => string); documentedDefault?: string },
  choices: readonly Choice[],
  reason: string,
): Variable<Choice> {
  return defineVariable({
    ...spec,
    parse: (text) => ((choices as readonly string[]).includes(text) ? (text as Choice) : reject(reason)),
  });
}

/** Any text: a listen address or a name that nothing here can check better than its user. */
export function textVariable(spec: Basics & { fallback: string }): Variable<string> {
  return defineVariable({ ...spec, parse: (text) => text });
}
