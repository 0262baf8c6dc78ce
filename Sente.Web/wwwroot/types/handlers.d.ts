import type { SenteEvent } from "./protocol";
/** Handles a pushed event (or a local chsk/* signal); seq is null for events without one. */
export type EventHandler = (data: unknown, context: {
    event: SenteEvent;
    seq: number | null;
}) => void;
/** Handlers by event id ("*": every event); one that throws is logged and the rest still run. */
export declare class EventHandlers {
    private readonly byId;
    /** Adds a handler; returns the function that removes it. */
    add(eventId: string, handler: EventHandler): () => void;
    dispatch(event: SenteEvent, seq: number | null): void;
    private run;
}
