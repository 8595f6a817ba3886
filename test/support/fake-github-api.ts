import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after } from 'node:test';

export interface FakeGitHubCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

type Handler = (call: FakeGitHubCall, response: ServerResponse) => boolean;

/**
 * A stand-in for api.github.com on loopback: records every call and answers with the handlers
 * a test adds (first that answers wins), else 404. Closed when the test file ends.
 */
export async function startFakeGitHubApi() {
  const calls: FakeGitHubCall[] = [];
  const handlers: Handler[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const call = {
        method: request.method!,
        path: request.url!,
        authorization: request.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      calls.push(call);
      if (!handlers.some((handle) => handle(call, response))) {
        sendJson(response, 404, { message: 'Not Found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  return {
    calls,
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    handle(handler: Handler) {
      handlers.push(handler);
    },
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Issue comments of one repository, as GitHub keeps them: list, add, edit. */
export function serveIssueComments(
  github: Awaited<ReturnType<typeof startFakeGitHubApi>>,
  repository: string,
) {
  const comments: Array<{ id: number; issue: number; body: string }> = [];
  github.handle((call, response) => {
    const list = call.path.match(new RegExp(`^/repos/${repository}/issues/(\\d+)/comments(\\?.*)?$`));
    const edit = call.path.match(new RegExp(`^/repos/${repository}/issues/comments/(\\d+)$`));
    if (list && call.method === 'GET') {
      sendJson(
        response,
        200,
        comments.filter((comment) => comment.issue === Number(list[1])),
      );
    } else if (list && call.method === 'POST') {
      const comment = {
        id: comments.length + 1,
        issue: Number(list[1]),
        body: (call.body as { body: string }).body,
      };
      comments.push(comment);
      sendJson(response, 201, comment);
    } else if (edit && call.method === 'PATCH') {
      const comment = comments.find((candidate) => candidate.id === Number(edit[1]));
      if (!comment) return false;
      comment.body = (call.body as { body: string }).body;
      sendJson(response, 200, comment);
    } else return false;
    return true;
  });
  return comments;
}
