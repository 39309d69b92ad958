export { AccountTransaction, type AccountScope } from './account-transaction.js';
export { ChangeLog, type WorkScope } from './change-log.js';
export { ChangeDispatcher, type ChangeConsumer, type DispatchLog } from './dispatcher.js';
export { claimUndelivered, markDelivered, purgeDeliveredChanges, undeliveredChanges } from './outbox.js';
export { OutboxRelay } from './outbox-relay.js';
export { TenantTransaction, type TenantScope } from './tenant-transaction.js';
export { ScopedWork, UnitOfWork } from './unit-of-work.js';
