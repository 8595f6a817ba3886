import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  buildAllStatements,
  buildStatement,
  type TeamStatement,
} from '../../app/allocation/build-statement.js';
import { MODEL_TEXT, statementCsv, statementLines } from '../../app/allocation/statement-lines.js';
import { writeStatementPdf } from '../../app/allocation/statement-pdf.js';
import { TollgateError } from '../../core/errors.js';
import { formatMoney } from '../../core/money.js';
import { printJson, withStores } from '../cli-context.js';

type StatementFormat = 'json' | 'csv' | 'html' | 'pdf';

export async function runStatement(
  flags: {
    team?: string;
    allTeams?: boolean;
    period: string;
    model: string;
    subsidy?: string;
    format: string;
    json?: boolean;
    currency?: string;
    out?: string;
    outDir?: string;
  },
  command: Command,
) {
  const format = flags.json ? 'json' : flags.format;
  if (!['json', 'csv', 'html', 'pdf'].includes(format)) {
    throw new TollgateError(
      'STATEMENT_BAD_FORMAT',
      `--format ${format} is not one of json, csv, html, pdf.`,
      'usage',
    );
  }
  checkStatementTarget(flags);
  const input = {
    period: flags.period,
    model: flags.model,
    subsidy: flags.subsidy,
    currency: flags.currency,
  };
  const labels = { period: '--period', model: '--model', subsidy: '--subsidy', currency: '--currency' };
  if (flags.allTeams) {
    const statements = await withStores(command, (stores) => buildAllStatements(stores, input, labels));
    await writeAllStatements(statements, format as StatementFormat, flags.outDir!);
    return;
  }
  const statement = await withStores(command, (stores) =>
    buildStatement(stores, { ...input, team: flags.team! }, labels),
  );
  const document = await renderStatement(statement, format as StatementFormat);
  if (flags.out !== undefined) await writeFile(flags.out, document);
  else if (format === 'json') printJson(statement);
  else process.stdout.write(document);
}

/** One team to standard output or --out, or every team into --out-dir: never both, never neither. */
function checkStatementTarget(flags: { team?: string; allTeams?: boolean; out?: string; outDir?: string }) {
  const refuse = (message: string) => {
    throw new TollgateError('STATEMENT_BAD_TARGET', message, 'usage');
  };
  if ((flags.team === undefined) === (flags.allTeams !== true))
    refuse(
      "Name one team with --team <id>, or write every team's statement with --all-teams --out-dir <dir>.",
    );
  if (flags.allTeams && flags.outDir === undefined)
    refuse('--all-teams writes one file per team: give the folder with --out-dir <dir>.');
  if (flags.allTeams && flags.out !== undefined)
    refuse('--out names one file; with --all-teams give a folder with --out-dir <dir>.');
  if (!flags.allTeams && flags.outDir !== undefined)
    refuse('--out-dir is for --all-teams; for one team write to a file with --out <file>.');
}

async function renderStatement(statement: TeamStatement, format: StatementFormat): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(statement, null, 2)}\n`;
  if (format === 'csv') return statementCsv(statement);
  if (format === 'pdf') return writeStatementPdf(statement);
  return statementHtml(statement);
}

/**
 * Writes statement-<team>-<period>.<format> per team into the folder. Every document is
 * rendered before the first is written, and each is written beside its name then renamed,
 * so a failure leaves no half-written statement.
 */
async function writeAllStatements(statements: TeamStatement[], format: StatementFormat, outDir: string) {
  const documents = await Promise.all(
    statements.map(async (statement) => ({
      file: join(outDir, `statement-${statement.team.id}-${statement.period}.${format}`),
      document: await renderStatement(statement, format),
    })),
  );
  await mkdir(outDir, { recursive: true });
  for (const { file, document } of documents) {
    await writeFile(`${file}.partial`, document);
    await rename(`${file}.partial`, file);
  }
  const period = statements[0]?.period;
  process.stdout.write(
    statements.length === 0
      ? 'The catalogue the period was allocated with has no teams; no statement written.\n'
      : `Wrote ${statements.length} statements of ${period} to ${outDir}:\n${documents.map((each) => `  ${each.file}`).join('\n')}\n`,
  );
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function statementHtml(statement: TeamStatement): string {
  const rows = statementLines(statement)
    .map(
      (line) =>
        `<tr${line[0].startsWith('total') || line[0] === 'charged' ? ' class="total"' : ''}>${line
          .map(
            (cell, index) =>
              `<td${index >= 4 ? ' class="num"' : ''}>${escapeHtml(index >= 4 && cell !== '' ? formatMoney(cell, 2) : cell)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  const title = `${statement.team.name} (${statement.team.id}) — ${statement.period}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}.total td{font-weight:600}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>Cost centre ${escapeHtml(statement.team.costCentre)}${statement.team.businessUnit ? `, business unit ${escapeHtml(statement.team.businessUnit)}` : ''}.
Rule set v${statement.run.ruleSetVersion}, catalogue v${statement.run.catalogVersion}, allocation run ${statement.run.id}${statement.closed ? ' (period closed)' : ' (period open: figures may change)'}.</p>
<p>${escapeHtml(MODEL_TEXT[statement.model])}${statement.model === 'partial' ? ` Subsidy: ${escapeHtml(statement.subsidyPercent)}% of shared costs.` : ''} Charges use effective cost.${statement.conversion ? ` Amounts in ${escapeHtml(statement.conversion.currency)}: ${escapeHtml(statement.conversion.rounding)}.` : ''}</p>
<table><thead><tr><th>section</th><th>currency</th><th>item</th><th>detail</th><th>billed</th><th>effective</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
