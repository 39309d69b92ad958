import type { Operator } from '$lib/types';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      /** The signed-in operator, or null. Set by hooks.server.ts from the session cookie. */
      operator: Operator | null;
      /** The session token from the cookie (never sent to the browser's JavaScript). */
      token: string | null;
      /** Why the session could not be checked (the API is unreachable …), or null. */
      sessionProblem: string | null;
    }
  }
}

export {};
