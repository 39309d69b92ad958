import { ScimError } from '@roster/domain';

/** A resource's ETag (RFC 7644 §3.14): weak, as the row version says the same data, not the same bytes. */
export const etagOf = (version: string) => `W/"${version}"`;

/** The entity tags of an If-Match or If-None-Match header: `*`, or a list, compared weakly (RFC 9110 §8.8.3.2). */
function tagsOf(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter((tag) => tag.length > 0);
}

const matches = (header: string, etag: string) => {
  const tags = tagsOf(header);
  return tags === '*' || tags.includes(etag.replace(/^W\//, ''));
};

/**
 * If-Match on a write: the resource must still be the version the client read, else 412 and nothing is written
 * (two clients that read the same version: the first write wins, the second is told to read again).
 */
export function checkIfMatch(header: string | undefined, version: string): void {
  if (header === undefined || matches(header, etagOf(version))) return;
  throw new ScimError(
    412,
    undefined,
    `The resource changed since the version in If-Match was read; it is now ${etagOf(version)}. ` +
      'GET it again and retry with its current ETag.',
  );
}

/** If-None-Match on a read: whether the client holds the current version already (answered 304). */
export const notModified = (header: string | undefined, etag: string) => header !== undefined && matches(header, etag);
