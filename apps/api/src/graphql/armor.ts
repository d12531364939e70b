import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Query-shape limits; each refusal is a 400 with a message naming the limit. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
};

export function armorProtection(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Tokens are limited by graphql-js's own parser (parseOptions in app.ts): armor's plugin
    // throws from inside parsing, which Apollo 5 reports as a 500 instead of a 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Suggestions leak schema details; hidden in production, useful in development.
    blockFieldSuggestion: { enabled: production },
  });
  return armor.protect();
}
