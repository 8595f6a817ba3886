import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { writeFixture } from '../allocation/cli-fixture.js';
import { startApi } from '../api/api-harness.js';
import { ingestFiles } from '../support/in-process-costs.js';

/**
 * Hostile values for every path and query parameter of every route the OpenAPI document names:
 * whatever a caller sends, the answer is a 2xx-4xx with a stable code, never a 500.
 */
const HOSTILE_VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '99999999999999999999',
  '9223372036854775808',
  '-9223372036854775809',
  '1e309',
  'NaN',
  '1.5',
  "' OR 1=1 --",
  '"; DROP TABLE cost_lines; --',
  '$1',
  '\\',
  'tag:\\',
  'tag:*',
  'tag:$.a[0]',
  '*',
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '\u0000',
  '\uD83D\uDCA9',
  'é\u0301',
  '2025-13-45',
  '0000-00',
  '9999-12',
  '1800-01',
  '2026-01-01T00:00:00Z',
  'a'.repeat(5000),
];

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  schema: { type?: string; enum?: unknown[] };
}

interface Operation {
  method: string;
  path: string;
  parameters: OpenApiParameter[];
  hasBody: boolean;
}

function operationsOf(document: {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; requestBody?: unknown }>>;
}) {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods))
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        hasBody: operation.requestBody !== undefined,
      });
  return operations;
}

/** A value that passes for a parameter so the hostile one is the only thing wrong. */
function plainValue(parameter: OpenApiParameter): string {
  if (parameter.schema.enum?.length) return String(parameter.schema.enum[0]);
  if (parameter.schema.type === 'integer' || parameter.schema.type === 'number') return '1';
  if (/period/i.test(parameter.name)) return '2026-01';
  if (/from|to|at/i.test(parameter.name)) return '2026-01-01';
  return '1';
}

function urlOf(operation: Operation, values: Record<string, string>): string {
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    const value = values[parameter.name];
    if (parameter.in === 'path')
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(value ?? plainValue(parameter)));
    else if (value !== undefined) query.append(parameter.name, value);
    else if ((parameter as { required?: boolean }).required)
      query.append(parameter.name, plainValue(parameter));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

describe('no request parameter can make the API answer 5xx', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const paths = writeFixture(dirname(dbPath));
    await ingestFiles(dbPath, [paths.billing]);
  });
  const document = (await api.json('/api/v1/openapi.json')).body;
  const operations = operationsOf(document).filter((operation) => operation.parameters.length > 0);

  it('finds parameters to fuzz in the document', () => {
    assert.ok(operations.length >= 20, `only ${operations.length} operations with parameters`);
  });

  it('answers every hostile path and query value with a 4xx or success and a code', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      for (const parameter of operation.parameters) {
        for (const value of HOSTILE_VALUES) {
          const url = urlOf(operation, { [parameter.name]: value });
          const response = await api.request(url, {
            method: operation.method,
            ...(operation.hasBody ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
          });
          const text = await response.text();
          if (response.status >= 500)
            failures.push(
              `${operation.method} ${url.slice(0, 120)} -> ${response.status} ${text.slice(0, 160)}`,
            );
          else if (response.status >= 400) {
            const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            if (!code)
              failures.push(`${operation.method} ${url.slice(0, 120)} -> ${response.status} without a code`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
