/**
 * How many dashboard reads (GET routes) run at once. The embedded database runs every statement
 * on Node's libuv thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), and so does
 * the file system. Long reads that took every thread made the gate's commit wait behind them
 * (a decision answers only once committed), so reads run at most this many at a time and the
 * rest of the pool stays free for the single writer, the gate's own reads and the files.
 */
export const READ_LANE_SLOTS = 2;

/** Runs work at most `slots` at a time, the rest waiting in arrival order (a FIFO semaphore). */
export interface ReadLane {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Reads running and waiting now (for tests and metrics). */
  load(): { running: number; waiting: number };
}

export function createReadLane(slots: number): ReadLane {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      // A finishing read hands its slot straight to the next in line (running stays the same).
      if (running < slots) running += 1;
      else await new Promise<void>((start) => waiting.push(start));
      try {
        return await work();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
