/**
 * What tests beside the worker need of it (the API's end-to-end tests import it as @roster/worker/testing):
 * the built worker as a child process, and the schedulers every worker keeps in Redis. No production code
 * imports it.
 */
export * from './child-worker.js';
export { STATIC_SCHEDULES, type StaticSchedule } from '../jobs/schedules.js';
