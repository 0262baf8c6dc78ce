/**
 * When the channel socket acknowledges what it processed (WebSocket; Ajax acks on every poll):
 * once after each run of batches (coalesced in a microtask, so a burst costs one ack) and at least
 * every interval while open, so a lost ack frame delays the server's outbox trimming by one
 * interval at most.
 */
export class AckScheduler {
  private scheduled = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** `flush` sends an ack when something is unacknowledged. */
  constructor(private readonly flush: () => void) {}

  /** An ack after the current task (batches of one frame, or of several in a row, share it). */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Periodic acks every `intervalMs` (0: none). */
  start(intervalMs: number): void {
    this.stop();
    if (intervalMs > 0) this.timer = setInterval(this.flush, intervalMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
