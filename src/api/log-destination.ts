import { type DestinationStream, pino } from 'pino';

/** Log lines are written in blocks of at least this many bytes... */
const BLOCK_BYTES = 4096;
/** ...or at least this often, so a quiet server's lines still show up promptly. */
const FLUSH_EVERY_MS = 1000;

/**
 * Standard output for the server's JSON log lines, written in blocks instead of one system
 * call per line: with two lines per request, writing each line at once took a tenth of the
 * server's main thread under load. Lines wait at most a second; pino flushes what is held when
 * the process exits (even through process.exit), so only a killed process (SIGKILL) can lose
 * the last block.
 */
export function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, minLength: BLOCK_BYTES, sync: false });
  const timer = setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Closed or not writable yet: the next tick or the exit flush tries again.
    }
  }, FLUSH_EVERY_MS);
  timer.unref();
  return destination;
}
