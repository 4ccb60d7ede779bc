/**
 * `npm test [-- options]` (see --help): judges every claim, each in its own killable process under a
 * hard time limit, writes reports/verification.json atomically with this run's id, and exits 0 only
 * when every claim was judged and every verdict is as recorded. The engine's own tests are
 * `npm run test:engine` (CI runs both: .ci/run).
 */
import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, suitePaths } from '../src/engine/registry/paths.js';
import { readReport, writeReport } from '../src/engine/report/writeReport.js';
import type { Report } from '../src/engine/report/buildReport.js';
import { closingLine, CLOSING_LINE_EXPLANATION, summaryLines } from '../src/engine/report/summaryLines.js';
import { renderAll } from '../src/engine/report/render/index.js';
import { parseSuiteArgs, UsageError, USAGE, type SuiteOptions } from '../src/engine/runner/options.js';
import { runSuite } from '../src/engine/runner/runSuite.js';
import { replayRequest, type ReplayRequest } from '../src/engine/verify/seed.js';
import { unexpectedReason } from '../src/engine/verify/verdict.js';

function usage(message: string): never {
  console.error(`npm test: ${message}\n${USAGE}\nnothing was judged.`);
  process.exit(2);
}

let opts: SuiteOptions | 'help';
try {
  opts = parseSuiteArgs(process.argv.slice(2));
} catch (e) {
  usage(e instanceof UsageError ? e.message : String(e));
}
if (opts === 'help') {
  console.log(USAGE);
  console.log('nothing was judged (--help).');
  process.exit(2);
}
const o = opts;
let replay: ReplayRequest | null = null;
try {
  replay = replayRequest();
} catch (e) {
  usage((e as Error).message);
}
const paths = suitePaths();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.error(
  `muon-verify: seed ${o.seed}${o.heavy ? ', heavy mode' : ''}${o.claims ? `, claims ${o.claims.join(',')}` : ''}${o.shard ? `, shard ${o.shard.index}/${o.shard.count}` : ''}; ${o.jobs} claim(s) at a time, each limited (${o.claimLimitS} s unless its property file says otherwise), run limited to ${o.runLimitS} s`,
);
const verbose = o.verbose || o.claims !== null;

/** One judgement of the selected claims: report written, summary printed; returns the gate's counts. */
async function judge(): Promise<{
  bad: number;
  illegitimate: number;
  skipped: number;
  total: number;
  runErrors: string[];
}> {
  const t0 = performance.now();
  // On a terminal one status line is redrawn every second; in a log, a plain line every 30 s.
  const tty = process.stderr.isTTY === true;
  const clear = () => {
    if (tty) process.stderr.write('\r\x1b[K');
  };
  // Written under the tree's report lock (runSuite), then read back: the file on disk must be this run's.
  const writeErrors: string[] = [];
  const commit = (r: Report) => {
    const file = writeReport(paths.reportsDir, r);
    const back = readReport(file);
    if (!('report' in back)) writeErrors.push(back.error);
    else if (back.report.runId !== r.runId)
      writeErrors.push(`${file} holds run ${back.report.runId}, not this run (${r.runId})`);
  };
  let report: Awaited<ReturnType<typeof runSuite>>;
  try {
    report = await runSuite(
      paths,
      o,
      {
        log: verbose
          ? (line) => {
              clear();
              console.error(line);
            }
          : undefined,
        claimDone: (id, x, done, total) => {
          const what =
            x.kind === 'result'
              ? `${x.result.verdict}${x.result.expected ? ` (expected ${x.result.expected})` : ''}`
              : x.kind === 'error'
                ? `error: ${x.error}`
                : 'mutants';
          clear();
          console.error(`[${String(done).padStart(String(total).length)}/${total}] ${id} ${what} ${secs(x.ms)}`);
        },
        progress: (running, done, total) => {
          const line = `${done}/${total} claims done, ${secs(performance.now() - t0)}; running ${running.map((r) => `${r.id} (${secs(r.elapsedMs)}, ${r.doing})`).join(', ')}`;
          if (tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
          else console.error(`… ${line}`);
        },
        progressEveryMs: tty ? 1000 : 30_000,
      },
      replay,
      commit,
    );
  } catch (e) {
    // The claims ran but no report could be written (e.g. another run held the report lock too long).
    clear();
    console.error(`npm test: ${(e as Error).message}`);
    console.log(closingLine(0, 1, 0));
    process.exit(1);
  }
  clear();
  if ('usage' in report) usage(report.usage);
  const runErrors = [...(report.runErrors ?? []), ...writeErrors];

  // The report people read: HTML (rendered math, plots), Markdown for PRs, JUnit for CI — from the JSON alone.
  try {
    await renderAll(report, paths.reportsDir);
  } catch (e) {
    runErrors.push(`rendering reports/index.html, summary.md, junit.xml failed: ${(e as Error).message}`);
  }

  console.log('\n' + summaryLines(report).join('\n'));
  const slowest = [...report.claims]
    .filter((c) => typeof c.ms === 'number' && !c.carriedFrom)
    .sort((a, b) => b.ms! - a.ms!)
    .slice(0, 5);
  if (slowest.length)
    console.log(
      `slowest: ${slowest.map((c) => `${c.id} ${secs(c.ms!)}`).join(', ')}; claims took ${secs(performance.now() - t0)} in all`,
    );
  console.log(
    `report: ${join('reports', 'verification.json')} (run ${report.runId}); open reports/index.html to read it`,
  );
  for (const e of runErrors) console.log(`run error: ${e}`);
  // Entries carried over from an earlier run (a --claim selection) were not judged now: never counted as passed.
  const skipped = report.claims.filter((c) => c.verdict === 'unchecked' || c.carriedFrom).length;
  const bad = report.claims.filter((c) => !c.carriedFrom && unexpectedReason(c) !== null).length;
  // `unchecked` is legitimate only for claims an explicit --claim selection left out.
  // Left out by an explicit selection (--claim, --shard): legitimately skipped; otherwise not judged = failed.
  const selection = o.claims !== null || o.shard !== null;
  return { bad, illegitimate: selection ? 0 : skipped, skipped, total: report.claims.length, runErrors };
}

if (o.watch) {
  // Rerun on save: claims/, properties/, sources/ and src/ (each run loads everything afresh, one process per claim).
  let pending: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const rerun = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      const g = await judge();
      console.log(
        `watch: ${g.total - g.skipped - g.bad} as recorded, ${g.bad} not${g.runErrors.length ? `, ${g.runErrors.length} run error(s)` : ''} — waiting for changes (Ctrl-C to stop)`,
      );
    } while (again);
    running = false;
  };
  for (const dir of [paths.claimsDir, paths.propertiesDir, join(paths.root, 'sources'), join(projectRoot, 'src')]) {
    if (!existsSync(dir)) continue;
    watch(dir, { recursive: true }, () => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        void rerun();
      }, 300); // one rerun per burst of saves
    });
  }
  await rerun();
} else {
  const g = await judge();
  console.log(CLOSING_LINE_EXPLANATION);
  console.log(closingLine(g.total - g.skipped - g.bad, g.bad + g.illegitimate, o.claims || o.shard ? g.skipped : 0));
  process.exit(g.bad || g.illegitimate || g.runErrors.length ? 1 : 0);
}
