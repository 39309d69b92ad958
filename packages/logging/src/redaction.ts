/** Field names whose values are credentials wherever they appear in a logged object. */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'tokenHash',
  'apiKey',
  'keyHash',
  'secret',
  'clientSecret',
  'authorization',
  'cookie',
  'privateKey',
];

/** Headers that carry credentials, under any object's `headers`. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization'];

/**
 * pino `redact` paths. Request and response bodies and headers are never logged in the first place; these
 * catch a secret that reaches a log call anyway (a logged DTO, an error carrying the failed query's
 * parameters or a row's values) at the top level and up to two objects deep, since pino's paths have no
 * recursive wildcard.
 */
export const REDACT_PATHS: string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
  // TypeORM's QueryFailedError keeps the query's bound values, and PostgreSQL's error detail can quote a
  // whole row (password and token hashes included).
  'err.parameters',
  'err.detail',
  'err.driverError.detail',
  'err.driverError.parameters',
];

export const REDACTED = '[redacted]';
