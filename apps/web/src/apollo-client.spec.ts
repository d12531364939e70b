import { describe, expect, it } from 'vitest';
import { subscriptionUrl } from './apollo-client';

describe('subscriptionUrl', () => {
  it('uses ws: for http pages and wss: for https pages, on the same host', () => {
    expect(subscriptionUrl({ protocol: 'http:', host: 'localhost:4000' })).toBe('ws://localhost:4000/graphql');
    expect(subscriptionUrl({ protocol: 'https:', host: 'stats.example.org' })).toBe('wss://stats.example.org/graphql');
  });
});
