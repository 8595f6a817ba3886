import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, read once from node_modules and injected into each page scanned. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the dashboard promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each failing element's selector and axe's summary of why. */
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe-core over the whole page as it is now and returns the serious and critical WCAG A/AA
 * violations (minor and moderate ones are left to people reading the screenshots).
 */
export async function scanPage(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in globalThis);
  // Evaluated through the debugging protocol: the dashboard's CSP refuses inline script tags.
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const page = globalThis as unknown as { axe: AxeApi; document: unknown };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
          target: node.target.join(' '),
          summary: node.failureSummary ?? '',
        })),
      }));
  }, WCAG_TAGS);
}

/** The part of axe's API the scan uses (the bundle is not imported into Node, only injected). */
interface AxeApi {
  run(
    context: unknown,
    options: { runOnly: { type: 'tag'; values: string[] } },
  ): Promise<{
    violations: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    }[];
  }>;
}

/** One line per rule and reason, with the first few elements, for a message a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  const groups = new Map<string, string[]>();
  for (const violation of violations) {
    for (const node of violation.nodes) {
      const key = `${violation.impact} ${violation.id} (${violation.help}): ${node.summary.replace(/\s+/g, ' ')}`;
      groups.set(key, [...(groups.get(key) ?? []), node.target]);
    }
  }
  return [...groups]
    .map(
      ([key, targets]) =>
        `${key}\n    at ${targets.slice(0, 3).join(' | ')}${targets.length > 3 ? ` and ${targets.length - 3} more` : ''}`,
    )
    .join('\n');
}
