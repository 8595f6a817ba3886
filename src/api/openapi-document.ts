import { z } from 'zod';
import type { AnyRoute } from './route-spec.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable code scripts can match on, e.g. AUTH_TOKEN_EXPIRED' },
        message: { type: 'string', description: 'What went wrong and what to do next' },
        requestId: { type: 'string' },
        details: {},
      },
    },
  },
};

const COMMON_ERRORS: Record<string, string> = {
  '400': 'The request is not valid (REQUEST_INVALID, REQUEST_BAD_JSON, ...)',
  '413': 'The body is over the size limit (REQUEST_TOO_LARGE)',
  '429': 'Too many requests for this token (RATE_LIMITED)',
  '500': 'Tollgate failed to answer (INTERNAL); the log has the details under the request id',
};

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

/** `/api/v1/sources/:id` -> `/api/v1/sources/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, place: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: place,
      required: place === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(place === 'query' && (rest.type === 'array' || rest.anyOf) ? { style: 'form', explode: true } : {}),
    };
  });
}

/** The OpenAPI 3.1 document of every route in the table, built from the routes' own schemas. */
export function buildOpenApiDocument(routes: readonly AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {
      [String(route.status ?? 200)]: route.raw
        ? { description: route.summary, content: { 'text/plain': { schema: { type: 'string' } } } }
        : {
            description: 'Success',
            content: { 'application/json': { schema: toSchema(route.response, 'output') } },
          },
    };
    for (const [status, description] of Object.entries(COMMON_ERRORS))
      responses[status] = errorResponse(description);
    if (route.permission !== 'public') {
      responses['401'] = errorResponse(
        'No valid token (AUTH_MISSING_TOKEN, AUTH_MALFORMED_TOKEN, AUTH_BAD_TOKEN, AUTH_TOKEN_EXPIRED, AUTH_TOKEN_REVOKED)',
      );
      responses['403'] = errorResponse(`The token's role lacks ${route.permission} (AUTH_FORBIDDEN)`);
    }
    for (const [status, description] of Object.entries(route.errors ?? {}))
      responses[status] = errorResponse(description!);
    let requestBody: unknown;
    if (route.bodyKind === 'upload') {
      requestBody = {
        required: true,
        content: Object.fromEntries(
          (route.uploadTypes ?? ['application/octet-stream']).map((type) => [
            type,
            type === 'multipart/form-data'
              ? { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }
              : { schema: { type: 'string', format: 'binary' } },
          ]),
        ),
      };
    } else if (route.body) {
      requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(route.body, 'input') } },
      };
    }
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      'x-tollgate-permission': route.permission,
      security: route.permission === 'public' ? [] : [{ bearerAuth: [] }],
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tollgate API',
      version,
      description:
        'IT financial management over HTTP. Amounts are decimal strings. Every state change is written to the audit log.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from tollgate tokens create (tg_<id>_<secret>)',
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}
