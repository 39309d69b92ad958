/** The scimType values of RFC 7644 §3.12, and RFC 9865's cursor errors. */
export type ScimErrorType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

/** A SCIM protocol error (RFC 7644 §3.12): its HTTP status, scimType when one applies, and a detail to act on. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimErrorType | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  /** The SCIM error response body (RFC 7644 §3.12). */
  toScimError(): { schemas: string[]; status: string; scimType?: string; detail: string } {
    return {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

/**
 * A filter (or sortBy) that Roster refuses, as RFC 7644 §3.12 reports it: HTTP 400 with `scimType`
 * `invalidFilter` ("the specified filter syntax was invalid, or the specified attribute and filter comparison
 * combination is not supported") and a `detail` naming what to change. sortBy problems carry `invalidValue`.
 */
export class ScimFilterError extends ScimError {
  declare readonly status: 400;
  declare readonly scimType: 'invalidFilter' | 'invalidValue';

  constructor(detail: string, scimType: 'invalidFilter' | 'invalidValue' = 'invalidFilter') {
    super(400, scimType, detail);
    this.name = 'ScimFilterError';
  }
}
