import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import { maxFieldsRule } from './max-fields.rule';

/** Query-shape limits; each refusal is a 400 with a message naming the limit. */
export const QUERY_LIMITS = {
  /**
   * Nesting depth, fragments flattened (a spread is reuse, not depth), introspection included.
   * graphql-js's getIntrospectionQuery() — what GraphiQL, Apollo Sandbox and codegen send — is
   * 15 deep (its TypeRef fragment unrolls `ofType`); one level is spare for tools that unroll
   * one more. No application query can get near it: the schema is at most 5 deep.
   */
  maxDepth: 16,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
  /** The widest type has 17 fields; with every alias allowed that is 32. Dashboards ask ≤ 12. */
  maxFieldsPerSelectionSet: 64,
  /** Fragments expanded. The full introspection query has 230; the largest dashboard query 35. */
  maxFieldsPerOperation: 500,
};

export function armorProtection(production: boolean): { validationRules: ValidationRule[]; plugins: ReturnType<ApolloArmor['protect']>['plugins'] } {
  const armor = new ApolloArmor({
    // Introspection is not exempt: deep `ofType` chains are the deepest queries this schema
    // admits. (graphql-js's own MaxIntrospectionDepthRule separately refuses the fan-out
    // cycle `fields { type { fields { type { fields … }}}}`.)
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: false, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Tokens are limited by graphql-js's own parser (parseOptions in app.ts): armor's plugin
    // throws from inside parsing, which Apollo 5 reports as a 500 instead of a 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Suggestions leak schema details; hidden in production, useful in development.
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const maxFields = maxFieldsRule({ perSelectionSet: QUERY_LIMITS.maxFieldsPerSelectionSet, perOperation: QUERY_LIMITS.maxFieldsPerOperation });
  return { validationRules: [...protection.validationRules, maxFields], plugins: protection.plugins };
}
