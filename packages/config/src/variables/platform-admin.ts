import { usernameProblem } from '@roster/domain';
import { defineVariable, reject } from '../variable.js';

/** The platform admin created at start when none exists. */

/** Messages name the variable only: a username may hold characters a terminal does not show. */
export const ROSTER_ADMIN_USERNAME = defineVariable({
  name: 'ROSTER_ADMIN_USERNAME',
  doc: "the platform admin's username",
  fallback: 'admin',
  documentedDefault: '— (username `admin`)',
  shown: false,
  parse(text) {
    if (text.trim().length === 0 || text.length > 250) return reject('must be 1–250 characters');
    const problem = usernameProblem(text);
    return problem ? reject(problem) : text;
  },
});

/** Unset: generated and printed once in development. A secret: messages never show it. */
export const ROSTER_ADMIN_PASSWORD = defineVariable<string | null>({
  name: 'ROSTER_ADMIN_PASSWORD',
  doc: "the platform admin's password",
  documentedDefault: '— (username `admin`)',
  unset: () => null,
  shown: false,
  parse: (text) => (text.length < 8 || text.length > 256 ? reject('must be 8–256 characters') : text),
});
