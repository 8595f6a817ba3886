import { inflateSync } from 'node:zlib';

/**
 * The runs of text of a PDF as pdfkit writes them, in page order: each content stream is
 * inflated when it is FlateDecode, and each TJ array's hex strings are joined into one run.
 * Enough for pdfkit's standard fonts (WinAnsi, one byte per character); not a general reader.
 */
export function readPdfText(pdf: Buffer): string[] {
  const runs: string[] = [];
  const text = pdf.toString('latin1');
  const streamPattern = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let match = streamPattern.exec(text); match; match = streamPattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = (match[1]!.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    } catch {
      continue; // a font or image stream that is not text
    }
    for (const array of content.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
      const hex = [...array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => part[1]).join('');
      runs.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return runs;
}
