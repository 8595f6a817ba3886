import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { writeFixture } from '../allocation/cli-fixture.js';
import { startApi } from '../api/api-harness.js';
import { ingestFiles } from '../support/in-process-costs.js';

/** A CLI flag (`--period`) or command (`tollgate allocate`) named in a message. */
const CLI_WORDS = /(^|[\s(`'"])--[a-z]|\btollgate [a-z]/i;

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema: JsonSchema; required?: boolean }[];
  body?: JsonSchema;
}

/**
 * A value of the schema's shape whose content names nothing that exists ("absent"), so the
 * request passes the schema and reaches the use case, which must refuse it in the API's words.
 */
function exampleOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (schema === undefined || depth > 6) return 'absent';
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return exampleOf(choice, depth + 1);
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((one) => one !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const name of schema.required ?? []) value[name] = exampleOf(schema.properties?.[name], depth + 1);
    return value;
  }
  if (type === 'array') return [exampleOf(schema.items, depth + 1)];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'date' || /\\d\{4\}-\\d\{2\}-/.test(schema.pattern ?? '')) return '2031-01-01';
  if (schema.format === 'date-time') return '2031-01-01T00:00:00Z';
  if (/\\d\{4\}-\\d\{2\}/.test(schema.pattern ?? '')) return '2031-01';
  return 'absent';
}

function operationsOf(document: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Operation['parameters'];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods))
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
  return operations;
}

function urlOf(operation: Operation, value: (parameter: Operation['parameters'][number]) => string): string {
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path')
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(value(parameter)));
    else if (parameter.in === 'query' && parameter.required) query.append(parameter.name, value(parameter));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Every route of the OpenAPI document, sent broken requests (an empty body, a body of the right
 * shape naming things that do not exist, parameters that are not what they should be): each
 * refusal speaks the API's language, never a CLI flag or command.
 */
describe('API messages name API fields, not CLI flags or commands', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const paths = writeFixture(dirname(dbPath));
    await ingestFiles(dbPath, [paths.billing]);
  });
  const document = (await api.json('/api/v1/openapi.json')).body;
  const operations = operationsOf(document);

  it('refuses broken requests to every route without naming a CLI flag or command', async () => {
    const offending: string[] = [];
    let refusals = 0;
    for (const operation of operations) {
      const attempts: { url: string; body?: string }[] = [];
      for (const value of [
        (parameter: Operation['parameters'][number]) =>
          String(exampleOf(parameter.schema) === 'absent' ? 'absent' : exampleOf(parameter.schema)),
        () => 'not-a-value',
      ]) {
        const url = urlOf(operation, value);
        if (operation.method === 'GET' || operation.method === 'DELETE') attempts.push({ url });
        else
          attempts.push(
            { url, body: '{}' },
            { url, body: JSON.stringify(exampleOf(operation.body)) },
            { url, body: '{"unexpected": [1, {"deep": null}]}' },
          );
      }
      for (const attempt of attempts) {
        const response = await api.request(attempt.url, {
          method: operation.method,
          ...(attempt.body === undefined
            ? {}
            : { body: attempt.body, headers: { 'content-type': 'application/json' } }),
        });
        const text = await response.text();
        if (response.status < 400) continue;
        refusals++;
        if (CLI_WORDS.test(text))
          offending.push(
            `${operation.method} ${attempt.url} ${attempt.body ?? ''} -> ${response.status} ${text}`,
          );
      }
    }
    assert.ok(refusals >= operations.length, `only ${refusals} refusals over ${operations.length} routes`);
    assert.deepEqual(offending, []);
  });
});
