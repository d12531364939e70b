/** Redis pub/sub channel on which the worker announces finished work (API subscriptions relay it). */
export function eventsChannel(prefix: string): string {
  return `${prefix}:events`;
}
