import { type PipeTransform } from '@nestjs/common';
import { notFound } from './problems.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id of a resource inside the scope (a user or group of a tenant). A malformed id cannot name
 * anything, so it is not found — the same answer as for scope ids the access guard resolves.
 */
export class ResourceId implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw notFound(this.resource, value);
    return value;
  }
}
