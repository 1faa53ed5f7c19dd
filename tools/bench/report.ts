// The figures of `npm run bench:load` side by side: medians over the rounds, ratios to the baseline, the targets.
import type { RunFigures, Variant } from './run.js';
import { VARIANT_LABELS } from './run.js';
import { median, medianEach } from './stats.js';

/** Targets from issue #12: ack p99 and click-to-next-question p99 at K=50, idle memory at every K. */
export const TARGETS = { ackP99: 1.2, nextP99: 2, idleRss: 1.3, atK: 50 } as const;

export interface Row {
  variant: Variant;
  ackP50: number;
  ackP99: number;
  nextP50: number;
  nextP99: number;
  summaryP50: number;
  summaryP99: number;
  clicksPerSecond: number;
  appCpuMsPerClick: number;
  databaseCpuMsPerClick: number;
  driverCpuMsPerClick: number;
  /** Bytes, summed over the instances, and per instance. */
  idleRss: number;
  busyRss: number;
  idleRssEach: number[];
  busyRssEach: number[];
  rounds: number;
}

export interface Ratios {
  ackP99: number;
  nextP99: number;
  /** Per instance: two instances are compared one by one with the baseline's one. */
  idleRss: number;
  ackMet: boolean | null;
  nextMet: boolean | null;
  idleMet: boolean;
}

export function summarize(variant: Variant, runs: readonly RunFigures[]): Row {
  const m = (f: (r: RunFigures) => number) => median(runs.map(f));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    variant,
    ackP50: m((r) => r.ackP50),
    ackP99: m((r) => r.ackP99),
    nextP50: m((r) => r.nextP50),
    nextP99: m((r) => r.nextP99),
    summaryP50: m((r) => r.summaryP50),
    summaryP99: m((r) => r.summaryP99),
    clicksPerSecond: m((r) => r.clicksPerSecond),
    appCpuMsPerClick: m((r) => r.appCpuMsPerClick),
    databaseCpuMsPerClick: m((r) => r.databaseCpuMsPerClick),
    driverCpuMsPerClick: m((r) => r.driverCpuMsPerClick),
    idleRss: m((r) => sum(r.idleRss)),
    busyRss: m((r) => sum(r.busyRss)),
    idleRssEach: medianEach(runs.map((r) => r.idleRss)),
    busyRssEach: medianEach(runs.map((r) => r.busyRss)),
    rounds: runs.length,
  };
}

export function ratios(row: Row, baseline: Row, k: number): Ratios {
  const ackP99 = row.ackP99 / baseline.ackP99;
  const nextP99 = row.nextP99 / baseline.nextP99;
  const idleRss = row.idleRss / row.idleRssEach.length / baseline.idleRss;
  const atTarget = k === TARGETS.atK;
  return {
    ackP99,
    nextP99,
    idleRss,
    ackMet: atTarget ? ackP99 <= TARGETS.ackP99 : null,
    nextMet: atTarget ? nextP99 <= TARGETS.nextP99 : null,
    idleMet: idleRss <= TARGETS.idleRss,
  };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const mb = (bytes: number) => (Number.isFinite(bytes) ? String(Math.round(bytes / 1024 / 1024)) : '-');
const times = (v: number, met: boolean | null) => (Number.isFinite(v) ? `${v.toFixed(2)}×${met === null ? '' : met ? ' ✓' : ' ✗'}` : '-');
const memory = (total: number, each: readonly number[]) => (each.length > 1 ? `${mb(total)} (${each.map(mb).join('+')})` : mb(total));

const COLUMNS: [string, number][] = [
  ['', 22],
  ['ack p50', 8],
  ['ack p99', 8],
  ['next p50', 9],
  ['next p99', 9],
  ['clicks/s', 9],
  ['CPU/click', 10],
  ['idle MiB', 13],
  ['busy MiB', 13],
  ['ack p99', 10],
  ['next p99', 10],
  ['idle RSS', 10],
];

function line(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1]))).join(' ');
}

/** The table of one K: a row per app, the baseline first. */
export function table(k: number, rows: readonly Row[], clicksPerInterview: string): string {
  const baseline = rows.find((r) => r.variant === 'baseline');
  const out = [
    `K = ${k} interviews at once (${clicksPerInterview}); latencies in ms; ratios to the baseline${k === TARGETS.atK ? `, targets ack p99 ≤ ${TARGETS.ackP99}×, next p99 ≤ ${TARGETS.nextP99}×` : ''}, idle RSS ≤ ${TARGETS.idleRss}×`,
    line(COLUMNS.map(([name]) => name)),
  ];
  for (const r of rows) {
    const x = baseline && r !== baseline ? ratios(r, baseline, k) : null;
    out.push(
      line([
        VARIANT_LABELS[r.variant],
        ms(r.ackP50),
        ms(r.ackP99),
        ms(r.nextP50),
        ms(r.nextP99),
        Number.isFinite(r.clicksPerSecond) ? r.clicksPerSecond.toFixed(0) : '-',
        ms(r.appCpuMsPerClick),
        memory(r.idleRss, r.idleRssEach),
        memory(r.busyRss, r.busyRssEach),
        x ? times(x.ackP99, x.ackMet) : '-',
        x ? times(x.nextP99, x.nextMet) : '-',
        x ? times(x.idleRss, x.idleMet) : '-',
      ]),
    );
  }
  out.push(`last click → summary posted, p50/p99 ms: ${rows.map((r) => `${r.variant} ${ms(r.summaryP50)}/${ms(r.summaryP99)}`).join(', ')}`);
  const onPostgres = rows.filter((r) => Number.isFinite(r.databaseCpuMsPerClick));
  if (onPostgres.length > 0) out.push(`PostgreSQL server CPU per click, ms: ${onPostgres.map((r) => `${r.variant} ${ms(r.databaseCpuMsPerClick)}`).join(', ')}`);
  out.push(`the driver's own CPU per click (requests and Slack stub), ms: ${rows.map((r) => `${r.variant} ${ms(r.driverCpuMsPerClick)}`).join(', ')}`);
  return out.join('\n');
}
