import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor, ResolvedScope } from '@roster/domain';

/** What the access guard learned about a request, readable anywhere beneath it. */
export interface ContextStore {
  requestId: string;
  actor?: Actor;
  scope?: ResolvedScope | null;
}

const storage = new AsyncLocalStorage<ContextStore>();

/**
 * The request (or job) context of DESIGN.md §5. Its getters throw when a value is unset,
 * so code that forgets to pass through the guard fails closed instead of running unscoped.
 */
export const RequestContext = {
  run<T>(store: ContextStore, work: () => T): T {
    return storage.run(store, work);
  },

  /** The whole context of the request being handled, or undefined outside one (the request log reads it). */
  current(): Readonly<ContextStore> | undefined {
    return storage.getStore();
  },

  get requestId(): string {
    return storage.getStore()?.requestId ?? 'none';
  },

  get actor(): Actor {
    const actor = storage.getStore()?.actor;
    if (!actor) throw new Error('No authenticated actor in the request context (route is missing @Authenticated?)');
    return actor;
  },

  get scope(): ResolvedScope {
    const scope = storage.getStore()?.scope;
    if (!scope) throw new Error('No resolved scope in the request context (route declares no scope?)');
    return scope;
  },

  /** The tenant a tenant-scoped route acts on, with its environment and account. */
  get tenant(): Required<ResolvedScope> {
    const { accountId, environmentId, tenantId } = this.scope;
    if (!environmentId || !tenantId) throw new Error('The route is not tenant-scoped (scope: "tenantId" missing?)');
    return { accountId, environmentId, tenantId };
  },

  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (!store) throw new Error('RequestContext.setActor outside a request');
    store.actor = actor;
  },

  setScope(scope: ResolvedScope | null): void {
    const store = storage.getStore();
    if (!store) throw new Error('RequestContext.setScope outside a request');
    store.scope = scope;
  },
};
