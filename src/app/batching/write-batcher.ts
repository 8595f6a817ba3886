interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface WriteBatcherOptions<I, R> {
  /** At most this many items share one write. */
  maxBatch: number;
  /** Writes a batch in one transaction; one result per item, in order. */
  writeBatch: (items: I[]) => Promise<R[]>;
  /** Writes one item alone, when its batch could not be written. */
  writeAlone: (item: I) => Promise<R>;
}

/**
 * Group commit for writes that arrive one request at a time. Method:
 * 1. An append queues its item; a writer starts unless one is running.
 * 2. The writer first lets one turn of the event loop pass (requests already read join the
 *    batch), then writes what is queued, up to maxBatch at a time, until the queue is empty.
 * 3. Each caller's promise settles only when its batch has committed, so nothing answered is
 *    lost. When a batch fails, each of its items is written again alone, so one bad item never
 *    fails the others.
 * 4. When the writer stops it looks at the queue once more: an item appended while it was
 *    finishing would otherwise wait for the next append.
 */
export class WriteBatcher<I, R> {
  private readonly queue: Pending<I, R>[] = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly options: WriteBatcherOptions<I, R>) {}

  append(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every item appended so far is written (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private schedule(): void {
    if (this.writing) return;
    this.writing = (async () => {
      await new Promise<void>((started) => setImmediate(started));
      try {
        await this.drain();
      } finally {
        this.writing = undefined;
        if (this.queue.length > 0) this.schedule();
      }
    })();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      let results: R[];
      try {
        results = await this.options.writeBatch(batch.map((pending) => pending.item));
      } catch {
        for (const pending of batch) {
          try {
            pending.resolve(await this.options.writeAlone(pending.item));
          } catch (error) {
            pending.reject(error);
          }
        }
        continue;
      }
      for (const [index, pending] of batch.entries()) pending.resolve(results[index]!);
    }
  }
}
