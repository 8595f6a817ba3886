/**
 * The mixed phase of `npm run bench:api`: the gate while the dashboard reads and pipelines
 * deliver, on a demo database with a year of cost lines (so the reads are the real, long ones).
 *
 * Open loop, the way a fleet of pipelines and people sends requests (a closed loop would slow
 * its own sending when the server slows, and hide the stall being looked for):
 * 1. each kind has a rate; request i of a kind is due at start + i / rate, and is sent when due,
 *    whether or not earlier ones have been answered;
 * 2. its latency runs from when it was due, not from when it was sent, so a sender held up
 *    behind a stalled server still counts the wait (no coordinated omission);
 * 3. the figures are the gate's p50/p99 and errors per kind; the target is gate p99 under
 *    50 ms at 100 decisions/s while 20 dashboard reads/s and 20 deliveries/s run.
 */
import { signDelivery } from '../src/core/access/signed-delivery.js';

export interface MixedKind {
  name: string;
  perSecond: number;
  /** Sends request number `n` of this kind; resolves with its HTTP status and body. */
  send(n: number): Promise<{ status: number; text: string }>;
}

export interface MixedResult {
  name: string;
  sent: number;
  answered: number;
  errors: number;
  /** Errors by kind: `<status> <error code>` of an answer, or the client's own error. */
  errorKinds: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends every kind at its rate for `seconds`, then waits for the answers still out. */
export async function runOpenLoop(kinds: readonly MixedKind[], seconds: number): Promise<MixedResult[]> {
  const started = performance.now();
  const ends = started + seconds * 1000;
  const state = kinds.map((kind) => ({
    kind,
    next: 0,
    latencies: [] as number[],
    errors: 0,
    errorKinds: {} as Record<string, number>,
  }));
  const countError = (entry: (typeof state)[number], what: string) => {
    entry.errors += 1;
    entry.errorKinds[what] = (entry.errorKinds[what] ?? 0) + 1;
  };
  const pending: Promise<void>[] = [];
  while (performance.now() < ends) {
    const now = performance.now();
    for (const entry of state) {
      // Every request now due goes out, each timed from its own due moment.
      for (let due = started + (entry.next * 1000) / entry.kind.perSecond; due <= now; ) {
        const n = entry.next++;
        pending.push(
          entry.kind.send(n).then(
            ({ status, text }) => {
              if (status >= 400) countError(entry, `${status} ${errorCodeOf(text)}`);
              entry.latencies.push(performance.now() - due);
            },
            (error: unknown) => {
              countError(entry, `client ${(error as { code?: string }).code ?? String(error)}`);
              entry.latencies.push(performance.now() - due);
            },
          ),
        );
        due = started + (entry.next * 1000) / entry.kind.perSecond;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  return state.map((entry) => {
    const sorted = [...entry.latencies].sort((a, b) => a - b);
    return {
      name: entry.kind.name,
      sent: entry.next,
      answered: entry.latencies.length,
      errors: entry.errors,
      errorKinds: entry.errorKinds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
    };
  });
}

/** The stable error code of an error answer's body, or what the body starts with. */
function errorCodeOf(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: string; error?: { code?: string } };
    return body.code ?? body.error?.code ?? text.slice(0, 60);
  } catch {
    return text.slice(0, 60);
  }
}

/** A signed generic-webhook deployment delivery, unique per `n`. */
export function deliveryRequest(
  secret: string,
  service: string,
  n: number,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    service,
    environment: 'staging',
    version: `mixed-${n}`,
    startedAt: '2026-03-05T10:00:00Z',
    finishedAt: '2026-03-05T10:05:00Z',
    outcome: 'succeeded',
    changeType: 'standard',
    pipelineRun: `mixed-run-${n}`,
  });
  return { headers: signedDeliveryHeaders(secret, `mixed-${n}`, body), body };
}

/** The headers a generic webhook sender signs a deployment delivery with, timestamped now. */
export function signedDeliveryHeaders(secret: string, id: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-tollgate-event': 'deployment',
    'x-tollgate-delivery': id,
    'x-tollgate-timestamp': timestamp,
    'x-tollgate-signature': signDelivery(secret, timestamp, id, body),
  };
}

export function printMixed(results: readonly MixedResult[]): void {
  for (const result of results) {
    console.log(
      `mixed      ${result.name.padEnd(18)} ${String(result.sent).padStart(6)} sent  ${String(result.answered).padStart(6)} answered  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  max ${result.max.toFixed(1)} ms  errors ${result.errors}${
        result.errors > 0
          ? ` (${Object.entries(result.errorKinds)
              .map(([what, count]) => `${count}x ${what}`)
              .join(', ')})`
          : ''
      }`,
    );
  }
}
