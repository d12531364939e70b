import type { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';

export const PIPELINE_TOPIC = 'PIPELINE';

/**
 * Subscriptions fed by the worker's Redis channel, so every API replica sees every event.
 * One Redis subscriber per process fans out to the open subscriptions.
 */
export class RedisEventsPubSub implements PubSub {
  private readonly listeners = new Set<(payload: unknown) => void>();

  constructor(subscriber: Redis, channel: string, onError: (err: unknown) => void) {
    subscriber.on('message', (ch: string, message: string) => {
      if (ch !== channel) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch (err) {
        onError(err);
        return;
      }
      for (const l of this.listeners) l(payload);
    });
    subscriber.subscribe(channel).catch(onError);
  }

  publish(): void {
    // The API only relays: events are published by the worker straight to Redis.
  }

  subscribe(routingKey: string): AsyncIterable<unknown> {
    if (routingKey !== PIPELINE_TOPIC) throw new Error(`unknown subscription topic ${routingKey}`);
    const queue: unknown[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    const listener = (payload: unknown) => {
      if (queue.length < 1_000) queue.push(payload); // a stalled client must not grow memory
      wake?.();
    };
    this.listeners.add(listener);
    const stop = () => {
      closed = true;
      this.listeners.delete(listener);
      wake?.();
    };
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<unknown>> => {
          while (!closed && queue.length === 0) await new Promise<void>((r) => (wake = r));
          wake = null;
          if (closed) return { done: true, value: undefined };
          return { done: false, value: queue.shift() };
        },
        return: async (): Promise<IteratorResult<unknown>> => {
          stop();
          return { done: true, value: undefined };
        },
      }),
    };
  }
}

/** For schema emission and tests without Redis: subscriptions that never fire. */
export class SilentPubSub implements PubSub {
  publish(): void {}
  subscribe(): AsyncIterable<unknown> {
    return { [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<unknown>>(() => undefined) }) };
  }
}
