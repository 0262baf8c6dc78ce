import { Replies } from "./protocol";

/** A reply callback of {@link Chsk.send}. */
export type SendCallback = (reply: unknown) => void;

/**
 * The replies the channel socket still waits for. Each settles once: with the reply, with
 * chsk/timeout when its own timer fires, or with chsk/closed as soon as its connection drops
 * (Sente makes those wait for their timeout).
 */
export class PendingReplies {
  private readonly settlers = new Set<(value: unknown) => void>();

  /** Starts waiting; returns the function that settles it (later calls are ignored). */
  track(timeoutMs: number, callback: SendCallback): (value: unknown) => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const settle = (value: unknown) => {
      if (!this.settlers.delete(settle)) return;
      if (timer !== null) clearTimeout(timer);
      try {
        callback(value);
      } catch (e) {
        console.error("sente: callback threw", e);
      }
    };
    this.settlers.add(settle);
    timer = setTimeout(() => settle(Replies.timeout), timeoutMs);
    return settle;
  }

  /** Settles every waiting reply with chsk/closed. */
  failAll(): void {
    for (const settle of [...this.settlers]) settle(Replies.closed);
  }
}
