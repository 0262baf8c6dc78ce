import type { SenteEvent } from "./protocol";

/** Handles a pushed event (or a local chsk/* signal); seq is null for events without one. */
export type EventHandler = (data: unknown, context: { event: SenteEvent; seq: number | null }) => void;

/** Handlers by event id ("*": every event); one that throws is logged and the rest still run. */
export class EventHandlers {
  private readonly byId = new Map<string, Set<EventHandler>>();

  /** Adds a handler; returns the function that removes it. */
  add(eventId: string, handler: EventHandler): () => void {
    let set = this.byId.get(eventId);
    if (set === undefined) this.byId.set(eventId, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  dispatch(event: SenteEvent, seq: number | null): void {
    this.run(this.byId.get(event[0]), event, seq);
    this.run(this.byId.get("*"), event, seq);
  }

  private run(set: Set<EventHandler> | undefined, event: SenteEvent, seq: number | null): void {
    if (set === undefined) return;
    for (const h of [...set]) {
      try {
        h(event[1], { event, seq });
      } catch (e) {
        console.error(`sente: handler for ${event[0]} threw`, e);
      }
    }
  }
}
