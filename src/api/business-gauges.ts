import { Gauge, type Registry } from 'prom-client';
import { type BusinessGauges, readBusinessGauges } from '../app/health/read-business-gauges.js';
import type { Stores } from '../ports/stores.js';

/**
 * Business gauges on /metrics, read from the stores at each scrape: open alerts by severity,
 * jobs waiting, and the last successful ingest per source. The gauges of one scrape share one
 * read (prom-client collects them at once).
 */
export function registerBusinessGauges(registry: Registry, stores: Stores): void {
  let reading: Promise<BusinessGauges> | undefined;
  const read = () => {
    reading ??= readBusinessGauges(stores).finally(() => {
      reading = undefined;
    });
    return reading;
  };
  new Gauge({
    name: 'tollgate_open_alerts',
    help: 'Alerts open now (not resolved), by severity',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      const { openAlerts } = await read();
      for (const [severity, count] of Object.entries(openAlerts)) this.set({ severity }, count);
    },
  });
  new Gauge({
    name: 'tollgate_jobs_waiting',
    help: 'Jobs queued and not yet started',
    registers: [registry],
    async collect() {
      this.set((await read()).jobsWaiting);
    },
  });
  new Gauge({
    name: 'tollgate_last_ingest_timestamp_seconds',
    help: 'When the last billing load of each source format finished (Unix seconds); absent before the first',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [source, at] of Object.entries((await read()).lastIngestBySource)) this.set({ source }, at);
    },
  });
}
