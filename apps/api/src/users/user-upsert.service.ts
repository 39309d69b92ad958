import { Injectable } from '@nestjs/common';
import { RecordNotFound } from '@roster/db';
import { conflict } from '../common/problems.js';
import type { UserResponse } from './user.schemas.js';
import { upsertOf, type UpsertUserInput } from './user-upsert.schemas.js';
import { UsersService } from './users.service.js';

/** Lookups per request: a race lost twice in a row is a storm of changes to one name, for the client to retry. */
const ATTEMPTS = 3;

/**
 * PUT …/users/by-username/:username (API.md §10): creates the user or updates the one there is, through
 * UsersService's create and update (their rules, audit and change events), never rules of its own.
 */
@Injectable()
export class UserUpsertService {
  constructor(private readonly users: UsersService) {}

  /**
   * Two requests for one new username both find none and both insert: the unique index (end_users_username_key)
   * lets the first in and holds the second until the first commits, and the second fails. It then finds the
   * user there and updates it, as it would have had it come later. A user deleted between the lookup and the
   * update is created again the same way.
   */
  async upsert(pathUsername: string, body: UpsertUserInput): Promise<{ created: boolean; user: UserResponse }> {
    const { create, update, password } = upsertOf(pathUsername, body);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const existing = await this.users.findByUsername(pathUsername);
      try {
        if (existing) return { created: false, user: await this.users.update(existing.id, update, password) };
        return { created: true, user: await this.users.create(create) };
      } catch (error) {
        if (!(await this.lostRace(error, pathUsername, existing))) throw error;
      }
    }
    throw conflict('Other requests created or deleted this user at the same time, again and again; send it again.');
  }

  /**
   * Whether the write failed because another request changed who has the username since the lookup: one
   * created it (any failure of the create, the username's unique index or a check it raced on such as the
   * e-mail address's), or deleted the user found.
   */
  private async lostRace(error: unknown, username: string, found: UserResponse | null): Promise<boolean> {
    if (found) return error instanceof RecordNotFound;
    return (await this.users.findByUsername(username)) !== null;
  }
}
