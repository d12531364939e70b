import { GraphQLError } from 'graphql';

/** A refused input: says which argument and how to ask within the limits. */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}
