/**
 * A read that many callers share: one in flight at a time, its answer kept until something
 * says it is out of date. A caller that changed what is read (say, a node that joined) marks it
 * stale and reads again; callers that do so while a read is under way wait for it and then
 * share one new read, so n changes close together cost a read or two, not n.
 */
export class SharedRead<T> {
  /** Bumped by `stale()`: an answer is current when it was asked for at this generation. */
  private generation = 0;
  private answer: { generation: number; value: Promise<T> } | undefined;
  private inFlight: { generation: number; value: Promise<T> } | undefined;

  /** The current answer, reading it with `read` when there is none. A failure is not kept. */
  async get(read: () => Promise<T>): Promise<T> {
    for (;;) {
      if (this.answer && this.answer.generation >= this.generation) return this.answer.value;
      const pending = this.inFlight;
      if (!pending) return this.start(read);
      if (pending.generation >= this.generation) return pending.value;
      // Asked before the latest change: wait it out (whatever it gave), then ask afresh.
      await pending.value.catch(() => undefined);
    }
  }

  /** What was read is out of date: the next `get` reads again. */
  stale(): void {
    this.generation += 1;
  }

  private start(read: () => Promise<T>): Promise<T> {
    const attempt = { generation: this.generation, value: read() };
    this.inFlight = attempt;
    attempt.value.then(
      () => {
        if (this.inFlight === attempt) this.inFlight = undefined;
        if (!this.answer || this.answer.generation <= attempt.generation) this.answer = attempt;
      },
      () => {
        if (this.inFlight === attempt) this.inFlight = undefined;
      },
    );
    return attempt.value;
  }
}
