/**
 * Anomaly detection quality, Tollgate's detector next to a trailing 4-sigma rule computed in the
 * same run on the same series:
 * 1. Real labelled series (NAB subset in ../shared/data/anomaly-nab): precision, recall and F1 by
 *    window as its SOURCES.md states them; a detection is the time an alert would be raised (the
 *    start of each reported anomaly; for Tollgate, the end of the first flagged hour).
 *    Target: F1 at least 2x the baseline's.
 * 2. Generated daily cost series with labelled spikes, drops, level shifts and ramps (seed below,
 *    never used to choose a setting): event precision and recall. Target: both at least 0.8.
 * The baseline flags a point more than 4 standard deviations from the mean of the trailing day of
 * points (the trailing 7 days for daily series).
 * 3. Feedback recorded on alerts in a database (`--db FILE|URL`, else TOLLGATE_DB, else
 *    ./tollgate.duckdb when present): true and false positives per alert kind and the precision
 *    people's verdicts give, next to the benchmark's own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAlertFeedback } from '../src/app/alerting/record-alert-feedback.js';
import { openTollgate } from '../src/app/open-tollgate.js';
import { loadConfig } from '../src/config/tollgate-config.js';
import { type Anomaly, detectAnomalies } from '../src/core/anomaly/detect-anomalies.js';
import { detectRegularSeries } from '../src/core/anomaly/detect-regular-series.js';
import {
  ANOMALY_KINDS,
  generateLabelledSeries,
  scoreDetections,
} from '../src/core/anomaly/labelled-anomalies.js';
import { parseSeriesCsv, type RegularSeries } from '../src/core/anomaly/series-csv.js';
import { detectWithTrailingSigma } from '../src/core/anomaly/trailing-sigma-baseline.js';
import { scoreWindows, type WindowedSeries } from '../src/core/anomaly/window-scoring.js';

const NAB = join(import.meta.dirname, '..', '..', 'shared', 'data', 'anomaly-nab');
const SEED = 4;
const SERIES = 300;

const baselinePoints = (series: RegularSeries) => (series.pointsPerDay === 1 ? 7 : series.pointsPerDay);
const labelTime = (stamp: string) => Date.parse(`${stamp.slice(0, 19).replace(' ', 'T')}Z`);
const fmt = (value: number) => value.toFixed(3);

function scoreRealSeries() {
  const labels = JSON.parse(readFileSync(join(NAB, 'labels-combined-windows.json'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const ours: WindowedSeries[] = [];
  const base: WindowedSeries[] = [];
  const byGroup = new Map<string, { ours: WindowedSeries[]; base: WindowedSeries[] }>();
  for (const [file, spans] of Object.entries(labels)) {
    const series = parseSeriesCsv(readFileSync(join(NAB, 'data', file), 'utf8'), file);
    const windows = spans.map(([from, to]) => [labelTime(from), labelTime(to)] as const);
    const at = (index: number) => series.startMs + index * series.stepMs;
    const mine = { windows, detections: detectRegularSeries(series, {}).map((a) => at(a.alertIndex)) };
    const theirs = {
      windows,
      detections: detectWithTrailingSigma(series.values, baselinePoints(series)).map((a) => at(a.startIndex)),
    };
    ours.push(mine);
    base.push(theirs);
    const group = file.split('/')[0]!;
    const entry = byGroup.get(group) ?? { ours: [], base: [] };
    entry.ours.push(mine);
    entry.base.push(theirs);
    byGroup.set(group, entry);
  }
  console.log(
    `Real labelled series: ${ours.length} series, ${ours.reduce((n, s) => n + s.windows.length, 0)} windows (NAB subset)`,
  );
  console.log('group                  detector  windows_found  false_runs  precision  recall     f1');
  for (const [group, sets] of byGroup)
    for (const [name, set] of [
      ['tollgate', sets.ours],
      ['baseline', sets.base],
    ] as const) {
      const s = scoreWindows(set);
      console.log(
        `${group.padEnd(22)} ${name.padEnd(9)} ${`${s.foundWindows}/${s.windows}`.padStart(13)}  ${String(s.falseRuns).padStart(10)}  ${fmt(s.precision).padStart(9)}  ${fmt(s.recall)}  ${fmt(s.f1)}`,
      );
    }
  const total = scoreWindows(ours);
  const reference = scoreWindows(base);
  const ratio = reference.f1 === 0 ? Number.POSITIVE_INFINITY : total.f1 / reference.f1;
  console.log(
    `real tollgate precision=${fmt(total.precision)} recall=${fmt(total.recall)} f1=${fmt(total.f1)}; baseline precision=${fmt(reference.precision)} recall=${fmt(reference.recall)} f1=${fmt(reference.f1)}`,
  );
  console.log(`real f1_ratio=${ratio.toFixed(2)} target>=2.00 ${ratio >= 2 ? 'met' : 'NOT met'}`);
}

function scoreGeneratedSeries() {
  const dataset = generateLabelledSeries(SEED, SERIES);
  const detectors: Record<string, (values: number[]) => Anomaly[]> = {
    tollgate: (values) => detectAnomalies(values),
    baseline: (values) => detectWithTrailingSigma(values, 7),
  };
  const score = (set: typeof dataset, detect: (values: number[]) => Anomaly[]) =>
    scoreDetections(set.map((s) => ({ labels: s.labels, found: detect(s.values) })));
  const labelCount = dataset.reduce((n, s) => n + s.labels.length, 0);
  console.log(
    `\nGenerated daily cost series: ${SERIES} of 210 days, ${labelCount} labelled anomalies (seed ${SEED})`,
  );
  console.log('detector  precision  recall  mean_delay_days  false_alarms');
  const totals: Record<string, ReturnType<typeof score>> = {};
  for (const [name, detect] of Object.entries(detectors)) {
    const result = score(dataset, detect);
    totals[name] = result;
    console.log(
      `${name.padEnd(9)} ${fmt(result.precision).padStart(9)}  ${fmt(result.recall).padStart(6)}  ${result.meanDelay.toFixed(2).padStart(15)}  ${String(result.falseAlarms).padStart(12)}`,
    );
  }
  console.log('recall by kind (tollgate / baseline):');
  for (const kind of ANOMALY_KINDS) {
    const only = dataset.map((s) => ({ ...s, labels: s.labels.filter((l) => l.kind === kind) }));
    const ours = score(only, detectors.tollgate!);
    const theirs = score(only, detectors.baseline!);
    console.log(`  ${kind.padEnd(12)} ${fmt(ours.recall)} / ${fmt(theirs.recall)}  (${ours.labels} labels)`);
  }
  const ours = totals.tollgate!;
  const met = ours.precision >= 0.8 && ours.recall >= 0.8;
  console.log(
    `generated precision=${fmt(ours.precision)} recall=${fmt(ours.recall)} target>=0.800 both ${met ? 'met' : 'NOT met'}`,
  );
}

/** The verdicts people recorded on alerts (tollgate alerts feedback), counted per alert kind. */
async function reportRecordedFeedback(): Promise<void> {
  const flag = process.argv.indexOf('--db');
  const db =
    flag > 0
      ? process.argv[flag + 1]
      : (process.env.TOLLGATE_DB ?? (existsSync('tollgate.duckdb') ? 'tollgate.duckdb' : undefined));
  console.log('\nRecorded alert feedback (tollgate alerts feedback <id> --verdict ...)');
  if (!db) {
    console.log('  no database to read: pass --db FILE|URL or set TOLLGATE_DB (0 verdicts counted)');
    return;
  }
  const stores = await openTollgate(loadConfig({ db }, process.env));
  try {
    const { feedback, tally } = await listAlertFeedback(stores);
    console.log(
      `  ${feedback.length} verdict(s) in ${db.startsWith('postgres') ? 'the PostgreSQL database' : db}`,
    );
    console.log('  kind       true_positives  false_positives  precision');
    for (const row of tally)
      console.log(
        `  ${row.kind.padEnd(9)} ${String(row.truePositives).padStart(15)}  ${String(row.falsePositives).padStart(15)}  ${row.precision === null ? '   (none)' : fmt(row.precision).padStart(9)}`,
      );
  } finally {
    await stores.close();
  }
}

scoreRealSeries();
scoreGeneratedSeries();
await reportRecordedFeedback();
