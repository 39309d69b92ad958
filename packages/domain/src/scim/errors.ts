/**
 * A filter (or sortBy) that Roster refuses, as RFC 7644 §3.12 reports it: HTTP 400 with `scimType`
 * `invalidFilter` ("the specified filter syntax was invalid, or the specified attribute and filter comparison
 * combination is not supported") and a `detail` naming what to change. sortBy problems carry `invalidValue`.
 */
export class ScimFilterError extends Error {
  readonly status = 400;

  constructor(
    readonly detail: string,
    readonly scimType: 'invalidFilter' | 'invalidValue' = 'invalidFilter',
  ) {
    super(detail);
    this.name = 'ScimFilterError';
  }

  /** The SCIM error response body (RFC 7644 §3.12). */
  toScimError(): { schemas: string[]; status: string; scimType: string; detail: string } {
    return {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: this.scimType,
      detail: this.detail,
    };
  }
}
