/**
 * `muon-verify <command>`: one front for the project's commands (commander parses; each command's
 * own module validates values and runs it). `npm test`, `npm run replay` … are thin aliases of these.
 *
 *   verify [ids…]   judge claims (= npm test)          replay <id>   rerun a counterexample
 *   report          re-render HTML/Markdown/JUnit       open          print the report's path
 *   new <id>        scaffold a claim                    accept <id>   record a new claim's verdict
 *   mutants         refute every formula mutant         stability     verdicts across seeds
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot, suitePaths } from '../engine/registry/paths.js';
import { DEFAULT_CLAIM_LIMIT_S, DEFAULT_RUN_LIMIT_S } from '../engine/runner/options.js';
import { DEFAULT_SEED, MAX_SEED } from '../engine/verify/seed.js';

/** Runs a command module in this process with the argv it expects (it validates values and exits). */
async function runScript(name: string, argv: string[]): Promise<void> {
  const file = join(projectRoot, 'scripts', `${name}.ts`);
  process.argv = [process.argv[0], file, ...argv];
  await import(pathToFileURL(file).href);
}

const flag = (on: boolean | undefined, name: string) => (on ? [name] : []);
const value = (v: string | undefined, name: string) => (v === undefined ? [] : [name, v]);

export function buildProgram(): Command {
  const program = new Command('muon-verify')
    .description('A symbolic-plus-numeric verification suite for the mathematics of the Muon optimizer')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('verify')
    .description('judge claims (every claim by default), write reports/, exit 0 only if every verdict is as recorded')
    .argument('[ids...]', 'claim ids to judge (the others keep their earlier entries, or are unchecked)')
    .option('--seed <n>', `run seed, 0…${MAX_SEED}`, String(DEFAULT_SEED))
    .option('--claim <ids>', 'comma-separated claim ids (same as the positional ids)')
    .option('--heavy', 'gpu.js checks also at n = 2048 and 4096, 4× the random cases')
    .option('--jobs <n>', 'claims judged in parallel, one process each (default: CPUs)')
    .option(
      '--claim-limit <s>',
      `per-claim time limit when the property file sets none (default ${DEFAULT_CLAIM_LIMIT_S})`,
    )
    .option('--run-limit <s>', `whole-run time limit (default ${DEFAULT_RUN_LIMIT_S})`)
    .option('--verbose', 'print every check as it finishes')
    .option('--watch', 'judge again on every save')
    .action(async (ids: string[], o) => {
      const claims = [...ids, ...(o.claim ? [o.claim] : [])].join(',');
      await runScript('test', [
        ...value(o.seed, '--seed'),
        ...(claims ? ['--claim', claims] : []),
        ...flag(o.heavy, '--heavy'),
        ...value(o.jobs, '--jobs'),
        ...value(o.claimLimit, '--claim-limit'),
        ...value(o.runLimit, '--run-limit'),
        ...flag(o.verbose, '--verbose'),
        ...flag(o.watch, '--watch'),
      ]);
    });

  program
    .command('replay')
    .description("rerun a claim's recorded counterexample with fast-check's seed and path (no search)")
    .argument('<id>', 'claim id')
    .option('--check <name>', 'the check to replay (default: the one the report names)')
    .option('--seed <n>', 'fast-check seed (with --path; default: from the report)')
    .option('--path <p>', 'fast-check path (with --seed)')
    .action(async (id: string, o) =>
      runScript('replay', [id, ...value(o.check, '--check'), ...value(o.seed, '--seed'), ...value(o.path, '--path')]),
    );

  program
    .command('report')
    .description(
      're-render reports/index.html, summary.md and junit.xml from an existing verification.json (runs nothing)',
    )
    .option('--in <file>', 'the verification report (default reports/verification.json)')
    .option('--out <dir>', 'where to write (default: next to the input)')
    .addOption(new Option('--fail-on <what>', 'what JUnit counts as a failure').choices(['unexpected', 'verdict']))
    .option('--no-katex-fonts', 'do not inline the KaTeX fonts (smaller page)')
    .action(async (o) =>
      runScript('report', [
        ...value(o.in, '--in'),
        ...value(o.out, '--out'),
        ...value(o.failOn, '--fail-on'),
        ...flag(o.katexFonts === false, '--no-katex-fonts'),
      ]),
    );

  program
    .command('open')
    .description("print the HTML report's path (open it in a browser; it needs no network)")
    .action(() => {
      const file = join(suitePaths().reportsDir, 'index.html');
      if (!existsSync(file)) {
        console.error('no reports/index.html yet: run npm test first');
        process.exitCode = 1;
        return;
      }
      console.log(relative(process.cwd(), file) || file);
    });

  program
    .command('new')
    .description('scaffold claims/<id>.md (expected: unknown) and properties/<id>.property.ts')
    .argument('<id>', 'a kebab-case claim id')
    .requiredOption('--locator <where>', 'where in the source ("Theorem 3.1")')
    .option('--source <file>', 'a document under sources/')
    .option('--authors <list>', 'citation: authors separated by ";"')
    .option('--title <t>', 'citation: title')
    .option('--year <y>', 'citation: year')
    .option('--doi <d>', 'citation: DOI')
    .option('--url <u>', 'citation: URL')
    .action(async (id: string, o) =>
      runScript('new', [
        id,
        '--locator',
        o.locator,
        ...value(o.source, '--source'),
        ...value(o.authors, '--authors'),
        ...value(o.title, '--title'),
        ...value(o.year, '--year'),
        ...value(o.doi, '--doi'),
        ...value(o.url, '--url'),
      ]),
    );

  program
    .command('accept')
    .description('record the verdict the last run found into claims/<id>.md')
    .argument('<id>', 'claim id')
    .option('--change', 'allow changing a recorded verdict')
    .action(async (id: string, o) => runScript('accept', [id, ...flag(o.change, '--change')]));

  program
    .command('mutants')
    .description('run every declared formula mutant of the passing claims; each must be refuted (reports/mutants.json)')
    .option('--claim <ids>', 'comma-separated claim ids')
    .option('--seed <n>', 'run seed')
    .option('--jobs <n>', 'claims in parallel')
    .action(async (o) =>
      runScript('mutants', [...value(o.claim, '--claim'), ...value(o.seed, '--seed'), ...value(o.jobs, '--jobs')]),
    );

  program
    .command('stability')
    .description('the whole suite under several seeds; no verdict may change (reports/stability.json)')
    .option('--seeds <n>', 'how many seeds', '20')
    .option('--from <s>', 'first seed', '1')
    .option('--claim <ids>', 'comma-separated claim ids')
    .option('--jobs <n>', 'claims in parallel')
    .action(async (o) =>
      runScript('stability', [
        '--seeds',
        o.seeds,
        '--from',
        o.from,
        ...value(o.claim, '--claim'),
        ...value(o.jobs, '--jobs'),
      ]),
    );
  return program;
}

/** Parses and runs; a usage error is one clear line and exit 2 ("nothing was judged" for verify). */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    const isVerify = argv[0] === 'verify';
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') {
      if (isVerify) console.error('nothing was judged (--help).');
      process.exit(isVerify ? 2 : 0);
    }
    if (e.code === 'commander.help') process.exit(argv.length === 0 ? 2 : 0);
    if (isVerify) console.error('nothing was judged.');
    process.exit(2);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
