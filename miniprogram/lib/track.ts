import { callFunction } from './transport';
import type { EventType } from '../../typings/contracts/events';

/** Events queued before a flush; the function takes at most 50 per call. */
export const FLUSH_EVERY = 10;
const PER_CALL = 50;
/** Kept while offline; older events are dropped first past this. */
const MAX_QUEUED = 200;

interface QueuedEvent {
  type: EventType;
  batchId?: string;
  batchItemId?: string;
  leaderId?: string;
  at: string;
}

let queue: QueuedEvent[] = [];
let scheduled: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> | undefined;

/**
 * Records what the resident did (events function, typings/contracts/events.ts).
 * Off the tap path: this only pushes onto an in-memory queue; the call to the
 * cloud happens in a later macrotask, every FLUSH_EVERY events and when the
 * mini-program hides (app.ts), never inside the handler that tracked.
 */
export function track(type: EventType, props: Omit<QueuedEvent, 'type' | 'at'> = {}): void {
  queue.push({ type, ...props, at: new Date().toISOString() });
  if (queue.length > MAX_QUEUED) queue = queue.slice(-MAX_QUEUED);
  if (queue.length >= FLUSH_EVERY && !scheduled) scheduled = setTimeout(() => void flush(), 0);
}

/** Sends what is queued, 50 per call. A failed call puts its events back (a refusal for rate drops them). */
export function flush(): Promise<void> {
  if (scheduled) clearTimeout(scheduled);
  scheduled = undefined;
  if (!flushing)
    flushing = (async () => {
      while (queue.length) {
        const batch = queue.splice(0, PER_CALL);
        try {
          await callFunction('events', 'track', { events: batch });
        } catch (err) {
          const code = (err as { code?: string }).code;
          // Refused input or rate: resending the same events would be refused again.
          if (code !== 'INVALID_INPUT' && code !== 'RATE_LIMITED') queue = [...batch, ...queue].slice(-MAX_QUEUED);
          break;
        }
      }
    })().finally(() => (flushing = undefined));
  return flushing;
}

/** For tests: what is waiting to be sent. */
export const queued = (): readonly QueuedEvent[] => queue;
