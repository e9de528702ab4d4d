import { counter, histogram } from '@storytime/observability';

/** providers.md §0 (D17). Each attempt that goes out is one request; a breaker refusal is one too. */
export type Outcome = 'success' | 'error' | 'timeout' | 'short_circuit';

export const externalRequests = counter('external_requests_total', 'Outbound provider requests by outcome', [
  'provider',
  'operation',
  'outcome',
]);

/** Provider calls run up to the 30 s timeout, past the 10 s top of the default buckets. */
export const externalRequestDuration = histogram(
  'external_request_duration_seconds',
  'Outbound provider request duration',
  ['provider', 'operation'],
  [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
);
