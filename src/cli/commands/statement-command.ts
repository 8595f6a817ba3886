import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildStatement, type TeamStatement } from '../../app/allocation/build-statement.js';
import { MODEL_TEXT, statementCsv, statementLines } from '../../app/allocation/statement-lines.js';
import { writeStatementPdf } from '../../app/allocation/statement-pdf.js';
import { TollgateError } from '../../core/errors.js';
import { formatMoney } from '../../core/money.js';
import { printJson, withStores } from '../cli-context.js';

export async function runStatement(
  flags: {
    team: string;
    period: string;
    model: string;
    subsidy?: string;
    format: string;
    json?: boolean;
    currency?: string;
    out?: string;
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
  const statement = await withStores(command, (stores) =>
    buildStatement(
      stores,
      {
        team: flags.team,
        period: flags.period,
        model: flags.model,
        subsidy: flags.subsidy,
        currency: flags.currency,
      },
      { period: '--period', model: '--model', subsidy: '--subsidy', currency: '--currency' },
    ),
  );
  const document: string | Buffer =
    format === 'json'
      ? `${JSON.stringify(statement, null, 2)}\n`
      : format === 'csv'
        ? statementCsv(statement)
        : format === 'pdf'
          ? await writeStatementPdf(statement)
          : statementHtml(statement);
  if (flags.out !== undefined) await writeFile(flags.out, document);
  else if (format === 'json') printJson(statement);
  else process.stdout.write(document);
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
