import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server; a registry per server keeps tests and servers apart. */
export function createApiMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tollgate_' });
  return {
    registry,
    requests: new Counter({
      name: 'tollgate_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'tollgate_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobSeconds: new Histogram({
      name: 'tollgate_job_duration_seconds',
      help: 'Duration of background jobs, by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers: [registry],
    }),
    ingestRows: new Counter({
      name: 'tollgate_ingest_rows_total',
      help: 'Billing rows loaded (and rejected) by API ingestion',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    gateDecisions: new Counter({
      name: 'tollgate_gate_decisions_total',
      help: 'Deployment gate decisions, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'tollgate_webhook_deliveries_total',
      help: 'CI/CD webhook deliveries, by provider and outcome',
      labelNames: ['provider', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;
