import { SvelteMap } from 'svelte/reactivity';
import { SELECTION_LIMIT, withinLimit } from './bulk';

interface Selectable {
  id: string;
  /** How to name the user once it has left the page: its username, or a stand-in for an anonymous one. */
  label: string | null;
}

/**
 * Users picked for a bulk action. It lives in the page component, so it survives the list's own
 * navigations (next pages) and holds the users' names, to list them before a deletion and name failures.
 */
export class UserSelection {
  readonly #users = new SvelteMap<string, string | null>();
  readonly limit: number;
  /** The last attempt to select more went past the limit. */
  limitReached = $state(false);

  constructor(limit = SELECTION_LIMIT) {
    this.limit = limit;
  }

  get size(): number {
    return this.#users.size;
  }

  get ids(): string[] {
    return [...this.#users.keys()];
  }

  get full(): boolean {
    return this.#users.size >= this.limit;
  }

  has(id: string): boolean {
    return this.#users.has(id);
  }

  /** The user's name as the row it was selected from showed it. */
  labelOf(id: string): string | null {
    return this.#users.get(id) ?? null;
  }

  add(users: readonly Selectable[]): void {
    const fresh = users.filter((user) => !this.#users.has(user.id));
    const { accepted, refused } = withinLimit(
      this.#users.size,
      fresh.map((user) => user.id),
      this.limit,
    );
    const accept = new Set(accepted);
    for (const user of fresh) if (accept.has(user.id)) this.#users.set(user.id, user.label);
    this.limitReached = refused;
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) this.#users.delete(id);
    this.limitReached = false;
  }

  toggle(user: Selectable, on: boolean): void {
    if (on) this.add([user]);
    else this.remove([user.id]);
  }

  clear(): void {
    this.#users.clear();
    this.limitReached = false;
  }
}
