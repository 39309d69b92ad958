import { createLogger, type DestinationStream, type Logger } from '@roster/logging';
import { RequestContext } from '../common/request-context.js';
import type { Config } from '../config/config.js';

/** Every line logged while a request is handled carries its id, read from the request context when logged. */
function requestIdOfTheMoment(): Record<string, unknown> {
  const requestId = RequestContext.current()?.requestId;
  return requestId === undefined ? {} : { requestId };
}

/** The API's root logger: LOG_LEVEL and LOG_FORMAT from the config; tests pass a destination they read. */
export function createApiLogger(config: Config, destination?: DestinationStream): Promise<Logger> {
  return createLogger({
    service: 'api',
    level: config.logLevel,
    format: config.logFormat,
    mixin: requestIdOfTheMoment,
    ...(destination ? { destination } : {}),
  });
}
