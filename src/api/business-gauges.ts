import { Gauge, type Registry } from 'prom-client';
import { type BusinessGauges, readBusinessGauges } from '../app/health/read-business-gauges.js';
import type { Stores } from '../ports/stores.js';

/**
 * Business gauges on /metrics, read from the stores at each scrape: open alerts by severity,
 * jobs waiting, the last successful ingest per source, spend today and the last day with cost
 * data per currency (gate decisions by result are the tollgate_gate_decisions_total counter). The gauges of one scrape share one
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
  new Gauge({
    name: 'tollgate_spend_today',
    help: 'Effective cost dated today (UTC) per currency; absent for a currency with no line dated today (billing data arrives late), never 0',
    labelNames: ['currency'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // Prometheus samples are floats: the exact decimal is rounded only here, at exposition.
      for (const [currency, cost] of Object.entries((await read()).spendToday))
        this.set({ currency }, Number(cost));
    },
  });
  new Gauge({
    name: 'tollgate_cost_data_last_day_timestamp_seconds',
    help: 'Start of the last day with cost lines per currency (Unix seconds): alert when the data falls behind',
    labelNames: ['currency'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [currency, at] of Object.entries((await read()).lastCostDayByCurrency))
        this.set({ currency }, at);
    },
  });
}
