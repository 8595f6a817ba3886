/**
 * Sustained load on `tollgate serve` over loopback, from this process (the server is a child
 * process on 127.0.0.1): gate decisions and signed generic webhook deliveries (a share of them
 * replays) for BENCH_SECONDS (default 60; 0 skips these phases), CONCURRENCY requests in flight (default 8), then one
 * short gate phase (BENCH_SECONDS / 3, at most 20 s) at CONCURRENCY_2 in flight (default 32).
 *
 * Why 8 in flight: the bench is closed-loop, so by Little's law the mean latency is the number
 * in flight divided by the throughput (16 in flight at 500/s is 32 ms on average whatever the
 * server does); throughput and p99 can only be judged together at a concurrency a CI fleet
 * plausibly produces. Eight pipelines asking the gate in the same instant, without pause, is
 * already a busy fleet (500 decisions/s is 1.8 million an hour). The second phase shows what
 * more in flight does: throughput should hold and latency grow in proportion, not collapse.
 * Each decision is the full evaluation (catalogue, policy, change, approvals, freezes,
 * break-glass), recorded in the decision log and the audit log, committed before the answer.
 * Prints throughput, p50/p99 latency and errors per kind, the ratio of gate throughput to
 * /healthz measured in the same run, and checks that every distinct delivery is recorded
 * exactly once (no lost or duplicated deployment records).
 * Each phase also prints the server's CPU time per request (user + system, all its threads,
 * from /proc): on a shared machine wall-clock figures swing with the load of others, CPU per
 * request much less.
 * BENCH_PROFILE=<folder> writes a CPU profile of the server there (node --cpu-prof) when it stops.
 * BENCH_LOG_LEVEL sets the server's log level (default info, as in production).
 * BENCH_STATEMENT_TRACE=<file> records every statement each server runs (trace-duckdb-statements.cjs)
 * into <file>-1.json (the closed-loop phases) and <file>-2.json (the mixed phase) when it stops.
 * Then the mixed phase (api-mixed-load.ts) on a demo database: BENCH_MIXED_SECONDS (default 30;
 * 0 skips it), BENCH_MIXED_ROWS (default 100,000), BENCH_MIXED_GATE_RATE (default 100/s);
 * BENCH_MIXED_DEMO=<file> copies a demo database built before (`tollgate demo`) instead.
 * A server that dies while measured is reported with its exit code or signal and its last log lines.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deliveryRequest, printMixed, runOpenLoop, signedDeliveryHeaders } from './api-mixed-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const CONCURRENCY_2 = Number(process.env.CONCURRENCY_2 ?? 32);
const CLI = fileURLToPath(new URL('../bin/tollgate.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../test/governance/fixtures/', import.meta.url));
const SECRET = 'bench-webhook-secret-0123456789';
/** The mixed phase: its length (0 skips it), the demo's size and the gate's rate. */
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 30);
const MIXED_ROWS = Number(process.env.BENCH_MIXED_ROWS ?? 100_000);
const MIXED_GATE_RATE = Number(process.env.BENCH_MIXED_GATE_RATE ?? 100);
/** A demo database built before (`tollgate demo`), copied for the mixed phase instead of building one. */
const MIXED_DEMO = process.env.BENCH_MIXED_DEMO;

let serverPid: number | undefined;
let serversStarted = 0;
/** Servers being stopped on purpose (their exit is expected). */
const stopping = new Set<ChildProcess>();
const TRACE = fileURLToPath(new URL('./trace-duckdb-statements.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tollgate-api-bench-'));
const db = join(dir, 'bench.duckdb');

function cli(...args: string[]): string {
  return cliOn(db, ...args);
}

function cliOn(database: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [CLI, '--db', database, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tollgate ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function startServer(database = db): Promise<{ child: ChildProcess; base: string }> {
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  serversStarted += 1;
  const trace = process.env.BENCH_STATEMENT_TRACE
    ? { BENCH_STATEMENT_TRACE_FILE: `${process.env.BENCH_STATEMENT_TRACE}-${serversStarted}.json` }
    : undefined;
  const child = spawn(
    process.execPath,
    [
      ...profile,
      ...(trace ? ['--require', TRACE] : []),
      CLI,
      '--db',
      database,
      'serve',
      '--port',
      '0',
      '--json',
    ],
    {
      env: {
        ...process.env,
        TOLLGATE_RATE_LIMIT: '1000000',
        // The production default (info: a line when each request arrives and one when it is
        // answered, to /dev/null here), so the figures include what logging costs.
        TOLLGATE_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        TOLLGATE_GENERIC_WEBHOOK_SECRET: SECRET,
        ...trace,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk) => {
      text += chunk;
      const match = /"listening":"(http:\/\/[^"]+)"/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
  });
  // After start-up: a server that dies before it is stopped says how, with its last words.
  let tail = '';
  child.stderr!.on('data', (chunk) => {
    tail = (tail + chunk).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (stopping.has(child)) return;
    process.exitCode = 1;
    console.log(`SERVER DIED while measured: exit code ${code}, signal ${signal}; its last output:\n${tail}`);
  });
  return { child, base };
}

/** CPU seconds (user + system) a /proc stat line reports. */
function statCpuSeconds(path: string): number {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds the server process has used: all its threads, and its main thread alone (the
 * JavaScript event loop; the rest is DuckDB's threads and libuv's pool running its statements).
 */
function serverCpuSeconds(pid: number | undefined): { all: number; main: number } {
  if (pid === undefined) return { all: Number.NaN, main: Number.NaN };
  return {
    all: statCpuSeconds(`/proc/${pid}/stat`),
    main: statCpuSeconds(`/proc/${pid}/task/${pid}/stat`),
  };
}

/**
 * The client: node:http over kept-alive connections, one per request in flight. (fetch costs
 * the client several times the CPU per request, and on a 2-core machine the client's CPU is
 * taken from the server being measured.)
 */
const agent = new Agent({ keepAlive: true, maxSockets: Math.max(CONCURRENCY, CONCURRENCY_2) });

function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const outgoing = httpRequest(
      url,
      {
        agent: init.agent ?? agent,
        method: init.method ?? 'GET',
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

interface Stats {
  latencies: number[];
  errors: number;
}

/** Keeps CONCURRENCY requests in flight until the deadline; each worker sends what `next` returns. */
async function load(
  seconds: number,
  next: (worker: number, n: number) => { kind: string; request: () => Promise<{ status: number }> },
  inFlight = CONCURRENCY,
) {
  const stats = new Map<string, Stats>();
  const cpuBefore = serverCpuSeconds(serverPid);
  const clientBefore = process.cpuUsage();
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const { kind, request } = next(worker, n);
        const entry = stats.get(kind) ?? { latencies: [], errors: 0 };
        stats.set(kind, entry);
        const t0 = performance.now();
        try {
          const response = await request();
          if (response.status >= 400) {
            entry.errors += 1;
            process.exitCode = 1;
          }
        } catch {
          entry.errors += 1;
          process.exitCode = 1;
        }
        entry.latencies.push(performance.now() - t0);
      }
    }),
  );
  const cpuAfter = serverCpuSeconds(serverPid);
  return {
    stats,
    elapsed: (performance.now() - started) / 1000,
    serverCpu: cpuAfter.all - cpuBefore.all,
    clientCpu: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(clientBefore)),
    mainThreadCpu: cpuAfter.main - cpuBefore.main,
  };
}

const p99s: Record<string, number> = {};
const errorCounts: Record<string, number> = {};

function report(title: string, result: Awaited<ReturnType<typeof load>>): Record<string, number> {
  const throughput: Record<string, number> = {};
  const requests = [...result.stats.values()].reduce((sum, entry) => sum + entry.latencies.length, 0);
  console.log(
    `${title.padEnd(10)} server CPU ${((result.serverCpu * 1000) / requests).toFixed(2)} ms per request, main thread ${((result.mainThreadCpu * 1000) / requests).toFixed(2)} ms (${(result.serverCpu / result.elapsed).toFixed(2)} cores busy, main thread ${(result.mainThreadCpu / result.elapsed).toFixed(2)}); client ${(result.clientCpu / result.elapsed).toFixed(2)} cores`,
  );
  for (const [kind, entry] of result.stats) {
    const sorted = [...entry.latencies].sort((a, b) => a - b);
    throughput[kind] = entry.latencies.length / result.elapsed;
    p99s[`${title} ${kind}`] = percentile(sorted, 99);
    errorCounts[`${title} ${kind}`] = entry.errors;
    console.log(
      `${title.padEnd(10)} ${kind.padEnd(18)} ${String(entry.latencies.length).padStart(7)} requests  ${throughput[kind]!.toFixed(0).padStart(6)}/s  p50 ${percentile(sorted, 50).toFixed(2)} ms  p90 ${percentile(sorted, 90).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms  p99.9 ${percentile(sorted, 99.9).toFixed(1)} ms  max ${sorted.at(-1)?.toFixed(1)} ms  errors ${entry.errors}`,
    );
  }
  return throughput;
}

/** The closed-loop phases: /healthz, the gate at two concurrencies, webhook deliveries. */
async function runClosedLoopPhases(): Promise<void> {
  cli('catalog', 'apply', join(FIXTURES, 'catalog.yaml'));
  cli('ratecard', 'apply', join(FIXTURES, 'rates.yaml'));
  cli('changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml'));
  cli('users', 'add', 'bench', '--role', 'admin');
  const token = (
    JSON.parse(cli('tokens', 'create', '--user', 'bench', '--json', '--expires-in', '1d')) as {
      token: string;
    }
  ).token;
  const { child, base } = await startServer();
  serverPid = child.pid;
  const auth = { authorization: `Bearer ${token}` };

  try {
    console.log(
      `tollgate serve on ${base}; ${CONCURRENCY} in flight (one short gate phase at ${CONCURRENCY_2}); ${SECONDS} s per phase`,
    );
    const baseline = report(
      'baseline',
      await load(Math.min(10, SECONDS), () => ({ kind: 'healthz', request: () => send(`${base}/healthz`) })),
    );

    const gateBody = JSON.stringify({
      service: 'payments',
      environment: 'staging',
      changeType: 'standard',
      version: 'v1',
    });
    const askGate = () => ({
      kind: 'gate',
      request: () =>
        send(`${base}/api/v1/gate`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: gateBody,
        }),
    });
    const gate = report(`gate@${CONCURRENCY}`, await load(SECONDS, askGate));
    report(
      `gate@${CONCURRENCY_2}`,
      await load(Math.max(5, Math.min(20, Math.round(SECONDS / 3))), askGate, CONCURRENCY_2),
    );

    // Deliveries: every 5th one replays an earlier delivery id; each distinct id must yield one deployment.
    const sent = new Set<string>();
    const deliveries = await load(SECONDS, (worker, n) => {
      const replay = n % 5 === 4 && n > 0;
      const id = `w${worker}-${replay ? n - 1 : n}`;
      sent.add(id);
      const minute = String((worker * 7919 + (replay ? n - 1 : n)) % 100000).padStart(6, '0');
      const body = JSON.stringify({
        service: 'docs-site',
        environment: 'staging',
        version: `v-${id}`,
        startedAt: `2026-03-05T10:00:00Z`,
        finishedAt: `2026-03-05T10:05:00Z`,
        outcome: 'succeeded',
        changeType: 'standard',
        pipelineRun: `run-${id}-${minute}`,
      });
      return {
        kind: replay ? 'webhook replay' : 'webhook delivery',
        request: async () => {
          const answer = await send(`${base}/api/v1/webhooks/generic`, {
            method: 'POST',
            headers: signedDeliveryHeaders(SECRET, id, body),
            body,
          });
          // A replayed delivery is refused as a replay (409), and that is the right answer.
          return replay && answer.status === 409 && answer.text.includes('WEBHOOK_REPLAY')
            ? { status: 200 }
            : answer;
        },
      };
    });
    report('webhooks', deliveries);

    // Every distinct delivery id must appear exactly once, as the version it carried.
    const recorded = JSON.parse((await send(`${base}/api/v1/deployments`, { headers: auth })).text) as {
      version: string;
    }[];
    const times = new Map<string, number>();
    for (const deployment of recorded)
      times.set(deployment.version, (times.get(deployment.version) ?? 0) + 1);
    const lost = [...sent].filter((id) => !times.has(`v-${id}`)).length;
    const duplicated = [...times.values()].filter((count) => count > 1).length;
    const unexpected = [...times.keys()].filter((version) => !sent.has(version.slice(2))).length;
    console.log(
      `deliveries: ${sent.size} distinct ids sent, ${recorded.length} deployments recorded: ${lost} lost, ${duplicated} duplicated, ${unexpected} unexpected`,
    );
    if (lost + duplicated + unexpected > 0) process.exitCode = 1;
    console.log(
      `ratio: gate decisions/s against /healthz/s in this run: ${(gate.gate! / baseline.healthz!).toFixed(3)}`,
    );
    const key = `gate@${CONCURRENCY} gate`;
    const met = gate.gate! >= 500 && p99s[key]! < 20 && errorCounts[key] === 0 && lost + duplicated === 0;
    console.log(
      `target (at least 500 gate decisions/s with p99 under 20 ms, no errors, nothing lost or duplicated): ${met ? 'met' : 'NOT met'} (${gate.gate!.toFixed(0)}/s, p99 ${p99s[key]!.toFixed(2)} ms at ${CONCURRENCY} in flight)`,
    );
  } finally {
    stopping.add(child);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
}

try {
  if (SECONDS > 0) await runClosedLoopPhases();
  if (MIXED_SECONDS > 0) await runMixedPhase();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The gate under a realistic mix, on a demo database with a year of cost lines: gate calls
 * (half of them naming an open release, so its spend comes from the bill), dashboard reads and
 * webhook deliveries at once, open loop (see api-mixed-load.ts).
 */
async function runMixedPhase(): Promise<void> {
  const mixedDb = join(dir, 'mixed.duckdb');
  const built = performance.now();
  if (MIXED_DEMO) copyFileSync(MIXED_DEMO, mixedDb);
  else cliOn(mixedDb, 'demo', '--rows', String(MIXED_ROWS), '--out', join(dir, 'demo-data'));
  cliOn(mixedDb, 'users', 'add', 'bench', '--role', 'admin');
  const mixedToken = (
    JSON.parse(cliOn(mixedDb, 'tokens', 'create', '--user', 'bench', '--json', '--expires-in', '1d')) as {
      token: string;
    }
  ).token;
  console.log(
    MIXED_DEMO
      ? `mixed phase: a copy of the demo database ${MIXED_DEMO}`
      : `mixed phase: demo database of about ${MIXED_ROWS.toLocaleString('en-US')} billing rows built in ${((performance.now() - built) / 1000).toFixed(0)} s`,
  );
  const server = await startServer(mixedDb);
  serverPid = server.child.pid;
  const headers = { authorization: `Bearer ${mixedToken}` };
  try {
    const range = JSON.parse((await send(`${server.base}/api/v1/data-range`, { headers })).text) as {
      currencies: { lastDay: string }[];
    };
    const lastDay = range.currencies[0]!.lastDay;
    const yearStart = `${lastDay.slice(0, 4)}-01-01`;
    const releases = JSON.parse((await send(`${server.base}/api/v1/releases`, { headers })).text) as {
      id: string;
      status: string;
      services: string[];
    }[];
    const open = releases.find((release) => release.status === 'open') ?? releases.at(-1)!;
    const reads = [
      `/api/v1/costs?by=service,day&from=${yearStart}&to=${lastDay}`,
      `/api/v1/costs?by=team,month&from=${yearStart}&to=${lastDay}`,
      `/api/v1/costs?by=provider,service-category&from=${yearStart}&to=${lastDay}&metric=billed`,
      '/api/v1/data-range',
      '/api/v1/releases',
    ];
    // Each kind has its own connections, as pipelines and people do: sharing the closed-loop
    // phases' 32 sockets, gate calls queued in this process behind long dashboard reads.
    const gateAgent = new Agent({ keepAlive: true });
    const readAgent = new Agent({ keepAlive: true });
    const deliveryAgent = new Agent({ keepAlive: true });
    const results = await runOpenLoop(
      [
        {
          name: 'gate',
          perSecond: MIXED_GATE_RATE,
          send: (n) =>
            send(`${server.base}/api/v1/gate`, {
              agent: gateAgent,
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify({
                service: open.services[0],
                environment: 'prod',
                changeType: 'standard',
                version: `v-${n}`,
                ...(n % 2 === 0 ? { releaseId: open.id } : {}),
              }),
            }),
        },
        {
          name: 'dashboard read',
          perSecond: 20,
          send: (n) => send(`${server.base}${reads[n % reads.length]}`, { headers, agent: readAgent }),
        },
        {
          name: 'webhook delivery',
          perSecond: 20,
          send: (n) => {
            const delivery = deliveryRequest(SECRET, open.services[0]!, n);
            return send(`${server.base}/api/v1/webhooks/generic`, {
              agent: deliveryAgent,
              method: 'POST',
              headers: delivery.headers,
              body: delivery.body,
            });
          },
        },
      ],
      MIXED_SECONDS,
    );
    printMixed(results);
    const gateResult = results.find((result) => result.name === 'gate')!;
    const errors = results.reduce((sum, result) => sum + result.errors, 0);
    if (errors > 0) process.exitCode = 1;
    console.log(
      `target (gate p99 under 50 ms at ${MIXED_GATE_RATE} decisions/s while 20 dashboard reads/s and 20 deliveries/s run, no errors): ${gateResult.p99 < 50 && errors === 0 ? 'met' : 'NOT met'} (gate p99 ${gateResult.p99.toFixed(2)} ms, ${errors} errors)`,
    );
  } finally {
    stopping.add(server.child);
    if (process.env.BENCH_STATEMENT_TRACE) {
      // The trace as it stands when the phase ends (a server draining a backlog takes long to stop).
      server.child.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.on('exit', resolve));
  }
}
