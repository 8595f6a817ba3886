import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { refuseNulCharacters } from '../../src/api/refuse-nul-characters.js';
import { sendError } from '../../src/api/send-error.js';

/** A server with the NUL guard, a JSON route and a route whose body stays a stream (as uploads do). */
async function startGuardedServer() {
  const app = Fastify();
  app.setErrorHandler(sendError);
  // As upload routes do: the body is the request's own stream, whose graph reaches the server.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  refuseNulCharacters(app);
  app.post('/json', async (request) => ({ received: request.body }));
  app.post('/upload', async (request) => {
    let bytes = 0;
    for await (const chunk of request.body as Readable) bytes += (chunk as Buffer).length;
    return { bytes };
  });
  await app.ready();
  return app;
}

describe('NUL characters in requests', () => {
  it('refuses a NUL in a JSON body or a query, naming where it was', async () => {
    const app = await startGuardedServer();
    try {
      const body = await app.inject({ method: 'POST', url: '/json', payload: { name: 'a\u0000b' } });
      assert.equal(body.statusCode, 400);
      assert.equal(body.json().error.code, 'REQUEST_NUL_CHARACTER');
      assert.match(body.json().error.message, /body/);
      const query = await app.inject({ method: 'POST', url: '/json?x=%00', payload: { name: 'ok' } });
      assert.equal(query.statusCode, 400);
      assert.match(query.json().error.message, /query/);
      const clean = await app.inject({ method: 'POST', url: '/json', payload: { name: ['ok'] } });
      assert.equal(clean.statusCode, 200);
    } finally {
      await app.close();
    }
  });

  it('does not walk a raw upload stream (its object graph is the whole server): the upload is read', async () => {
    // A guard that walked the stream's properties recursed through the socket and the server,
    // and the process never finished. The upload's bytes are data for ingest to check, not text.
    const app = await startGuardedServer();
    try {
      const csv = `a,b\n${'1,2\n'.repeat(50_000)}`;
      // Over a real socket: an injected request has no socket or server behind its stream.
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const upload = await fetch(`${address}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
      assert.equal(upload.status, 200);
      assert.deepEqual(await upload.json(), { bytes: Buffer.byteLength(csv) });
    } finally {
      await app.close();
    }
  });
});
