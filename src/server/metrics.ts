/** Prometheus metrics of one server: requests by operation and outcome, and a latency histogram. */
import { Registry, Counter, Histogram, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'operation' | 'error'>;
  latency: Histogram<'operation'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cognate_' });
  return {
    registry,
    requests: new Counter({
      name: 'cognate_requests_total',
      help: 'API requests by operation and error type ("" on success)',
      labelNames: ['operation', 'error'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'cognate_request_duration_seconds',
      help: 'Request latency by operation',
      labelNames: ['operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
