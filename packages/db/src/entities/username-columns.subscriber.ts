import { type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type UpdateEvent } from 'typeorm';
import { usernameColumns } from '../username-columns.js';
import { EndUser } from './end-user.entity.js';
import { Operator } from './operator.entity.js';

/**
 * Derives the username's key (and an end user's sort prefix) whenever TypeORM saves a username, so that no
 * write can store a username its lookup and uniqueness would not see (API.md §6). SQL that writes a
 * username itself must write username_key too (usernameColumns).
 */
@EventSubscriber()
export class UsernameColumns implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<unknown>): void {
    derive(event.entity);
  }

  /** Only when the username changes: a parked row (UsernameKeys1764600000000) keeps its key through other edits. */
  beforeUpdate(event: UpdateEvent<unknown>): void {
    const before = event.databaseEntity as { username?: unknown } | undefined;
    const after = event.entity as { username?: unknown } | undefined;
    if (!before || before.username !== after?.username) derive(event.entity);
  }
}

function derive(entity: unknown): void {
  if (entity instanceof EndUser && entity.username !== undefined) {
    Object.assign(entity, usernameColumns(entity.username));
  } else if (entity instanceof Operator && entity.username !== undefined) {
    entity.usernameKey = usernameColumns(entity.username).usernameKey!;
  }
}
