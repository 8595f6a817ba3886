import PDFDocument from 'pdfkit';
import { formatMoney } from '../../core/money.js';
import type { TeamStatement } from './build-statement.js';
import { MODEL_TEXT, type StatementLine, statementLines } from './statement-lines.js';

/** Amounts never wrap: a figure stays one run of text, as a reader (or a test) reads it. */
const AMOUNT_COLUMNS = 4;
/** Column widths (points) on A4 landscape: section, currency, item, detail, billed, effective. */
const WIDTHS = [80, 45, 160, 177, 150, 150] as const;
const HEADINGS = ['Section', 'Currency', 'Item', 'Detail', 'Billed', 'Effective'] as const;
const MARGIN = 40;

/**
 * A team statement as a PDF: the period, the team, the rule set and catalogue versions, the
 * chargeback model, then the lines and totals of the CSV in its order, each amount printed as
 * the CSV prints it with its currency. `compress` is off only for tests, which read the text.
 */
export function writeStatementPdf(
  statement: TeamStatement,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: `Statement ${statement.team.id} ${statement.period}`,
      Author: 'Tollgate',
      Subject: `Rule set v${statement.run.ruleSetVersion}, allocation run ${statement.run.id}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  writeHeader(doc, statement);
  writeTable(doc, statementLines(statement));
  doc.end();
  return done;
}

function writeHeader(doc: PDFKit.PDFDocument, statement: TeamStatement): void {
  const { team, run } = statement;
  doc.font('Helvetica-Bold').fontSize(16).text(`${team.name} (${team.id}) - ${statement.period}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  doc.text(
    `Period ${statement.period}. Cost centre ${team.costCentre}${team.businessUnit ? `, business unit ${team.businessUnit}` : ''}.`,
  );
  doc.text(
    `Rule set v${run.ruleSetVersion}, catalogue v${run.catalogVersion}, allocation run ${run.id}${statement.closed ? ' (period closed).' : ' (period open: figures may change).'}`,
  );
  doc.text(
    `${MODEL_TEXT[statement.model]}${statement.model === 'partial' ? ` Subsidy: ${statement.subsidyPercent}% of shared costs.` : ''} Charges use effective cost.`,
  );
  if (statement.conversion)
    doc.text(
      `Amounts in ${statement.conversion.currency}: ${statement.conversion.rounding}. Converted from ${statement.conversion.byCurrency.map((c) => c.currency).join(', ') || 'no other currency'}.`,
    );
  doc.moveDown(0.8);
}

function writeTable(doc: PDFKit.PDFDocument, lines: StatementLine[]): void {
  const bottom = doc.page.height - MARGIN;
  const row = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const height = Math.max(
      ...cells.map((cell, index) =>
        index >= AMOUNT_COLUMNS
          ? doc.currentLineHeight()
          : doc.heightOfString(cell || ' ', { width: WIDTHS[index]! - 6 }),
      ),
    );
    if (doc.y + height > bottom) {
      doc.addPage();
      row(HEADINGS, true);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    }
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, index) => {
      if (index >= AMOUNT_COLUMNS)
        doc.text(cell, x + WIDTHS[index]! - 6 - doc.widthOfString(cell), top, { lineBreak: false });
      else doc.text(cell, x, top, { width: WIDTHS[index]! - 6 });
      x += WIDTHS[index]!;
    });
    doc.x = MARGIN;
    doc.y = top + height + 4;
  };
  row(HEADINGS, true);
  for (const line of lines) {
    const [section, currency, item, detail, billed, effective] = line;
    const money = (amount: string) => (amount === '' ? '' : `${formatMoney(amount)} ${currency}`);
    row(
      [section, currency, item, detail, money(billed), money(effective)],
      section.startsWith('total') || section === 'charged',
    );
  }
}
