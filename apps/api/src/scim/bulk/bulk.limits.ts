/** What one Bulk request may hold (published in the ServiceProviderConfig, RFC 7644 §3.7.4). */
export const BULK_LIMITS = { maxOperations: 1000, maxPayloadSize: 1_048_576 } as const;
