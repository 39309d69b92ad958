import type { ChangeActor, ChangeEvent, RecordedChange } from '@roster/domain';
import { newId } from '../entities/base.js';

/** Where a unit of work acts: the account, and the environment and tenant when it has them. */
export interface WorkScope {
  accountId: string | null;
  environmentId?: string | null;
  tenantId?: string | null;
}

/** The changes one transaction records, stamped with its scope and actor when they are stored. */
export class ChangeLog {
  private readonly events: ChangeEvent[] = [];

  constructor(
    private readonly scope: WorkScope,
    private readonly actor: ChangeActor,
    private readonly readOnly = false,
  ) {}

  record(events: readonly ChangeEvent[]): void {
    if (this.readOnly) throw new Error('A read-only unit of work cannot record changes; use run() for writes');
    this.events.push(...events);
  }

  /** The recorded changes with ids (time-ordered, so in the order they were recorded) and one time. */
  seal(): RecordedChange[] {
    const at = new Date().toISOString();
    return this.events.map((event) => ({
      ...event,
      id: newId(),
      // An account's own creation happens before any scope holds its id.
      accountId: this.scope.accountId ?? (event.subject.type === 'account' ? event.subject.id : null),
      tenantId: this.scope.tenantId ?? (event.subject.type === 'tenant' ? event.subject.id : null),
      environmentId: this.scope.environmentId ?? (event.subject.type === 'environment' ? event.subject.id : null),
      actor: this.actor,
      at,
    })) as RecordedChange[];
  }
}
