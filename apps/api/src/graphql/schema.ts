import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { GamesResolver } from '../modules/games/games.resolver';
import { SystemResolver } from '../modules/system/system.resolver';
import { DateTimeScalar } from './scalars';

export const RESOLVERS = [SystemResolver, GamesResolver] as const;

export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Inputs are validated by services with messages that name the field.
    validate: false,
  });
}
