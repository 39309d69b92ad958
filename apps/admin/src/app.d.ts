import type { RosterClient, Schemas } from '@roster/api-client';
import type { Capabilities } from '$lib/capabilities';
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
      /** The API client acting as the signed-in operator (anonymous without a session). */
      api: RosterClient;
    }
    interface PageData {
      /** The account the page belongs to, when it belongs to one (set by the account, environment and tenant layouts). */
      account?: Schemas['Account'];
      /** What the signed-in operator may do (set by the signed-in layout). */
      can?: Capabilities;
    }
    interface PageState {
      /** How many "next page" steps deep a cursor-paged list is, so "Previous" can go back. */
      pageDepth?: number;
      /** The list's total as the first page counted it (later pages are not counted again). */
      listTotal?: number;
    }
  }
}

export {};
