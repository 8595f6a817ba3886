import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { Role } from '../../src/core/access/roles.js';
import { writeFixture } from '../allocation/cli-fixture.js';
import { startApi } from '../api/api-harness.js';
import { parseCsv } from '../support/csv-text.js';
import { ingestFiles } from '../support/in-process-costs.js';

/** The roles that read costs without costs:detail (scoped roles answer for one team only). */
const MASKED_ROLES: Role[] = ['viewer', 'budget-owner', 'approver'];

interface Operation {
  path: string;
  parameters: { name: string; in: 'path' | 'query'; required?: boolean; schema: { enum?: unknown[] } }[];
}

/** A value each parameter accepts, so the route answers with data rather than a refusal. */
function valueFor(name: string, enumValues: unknown[] | undefined): string {
  if (enumValues?.length) return String(enumValues[0]);
  if (/period/i.test(name)) return '2026-01';
  if (/^(from|since)$/i.test(name)) return '2026-01-01';
  if (/^(to|until|at|asOf)$/i.test(name)) return '2026-04-01';
  return '1';
}

/**
 * Masking applies to every field that carries a masked value, in every route: the account numbers
 * and resource ids are taken from the data itself, and every GET route of the OpenAPI document is
 * read as each role without detail rights, searching the whole answer (paths and messages too).
 */
describe('masked identifiers appear in no answer of any route, for every role without detail', async () => {
  const secrets = new Set<string>();
  const api = await startApi({}, {}, async (dbPath) => {
    const paths = writeFixture(dirname(dbPath));
    const [header, ...rows] = parseCsv(readFileSync(paths.billing, 'utf8'));
    for (const column of ['BillingAccountId', 'SubAccountId', 'ResourceId']) {
      const index = header!.indexOf(column);
      for (const row of rows) if ((row[index]?.length ?? 0) > 4) secrets.add(row[index]!);
    }
    // Exports are often filed by account: a folder named after the account number.
    const account = rows[0]![header!.indexOf('BillingAccountId')]!;
    const folder = join(dirname(dbPath), 'exports', account);
    mkdirSync(folder, { recursive: true });
    const placed = join(folder, `${account}-2026.csv`);
    renameSync(paths.billing, placed);
    await ingestFiles(dbPath, [placed]);
  });

  it('finds identifiers to look for in the data', () => {
    assert.ok(secrets.size >= 3, JSON.stringify([...secrets]));
  });

  it('searches every GET answer for them', async () => {
    const document = (await api.json('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, Omit<Operation, 'path'>>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      // The OpenAPI document is the same text for everyone and holds no data.
      methods.get && path !== '/api/v1/openapi.json'
        ? [{ path, parameters: methods.get.parameters ?? [] }]
        : [],
    );
    assert.ok(operations.length >= 30, `only ${operations.length} GET routes`);
    const leaks: string[] = [];
    let answered = 0;
    for (const operation of operations) {
      let path = operation.path;
      const query = new URLSearchParams();
      for (const parameter of operation.parameters) {
        const value = valueFor(parameter.name, parameter.schema.enum);
        if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, value);
        else if (parameter.required) query.append(parameter.name, value);
      }
      const url = query.size > 0 ? `${path}?${query}` : path;
      for (const role of MASKED_ROLES) {
        const response = await api.request(url, { role });
        const text = await response.text();
        if (response.status < 300) answered += 1;
        for (const secret of secrets)
          if (text.includes(secret)) leaks.push(`${role} GET ${url} -> ${response.status} holds ${secret}`);
      }
    }
    assert.ok(answered >= 30, `only ${answered} answers with data were searched`);
    assert.deepEqual(leaks, []);
  });
});
