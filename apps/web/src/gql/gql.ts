/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query GameViewers($from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!, $top: Int!) {\n    gameViewers(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone, top: $top) {\n      bucket\n      bucketSeconds\n      timeZone\n      level\n      from\n      to\n      timestamps\n      coverage\n      partialSweeps\n      series {\n        gameId\n        name\n        averageViewers\n        peakViewers\n        hoursWatched\n      }\n    }\n  }\n": typeof types.GameViewersDocument,
    "\n  query SystemInfo {\n    systemInfo {\n      version\n      dialect\n      embedded\n      postgresVersion\n      timescaleVersion\n      twitchSource\n      xSource\n      sweepIntervalSeconds\n      lastSweepAt\n      sweepCount\n    }\n  }\n": typeof types.SystemInfoDocument,
};
const documents: Documents = {
    "\n  query GameViewers($from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!, $top: Int!) {\n    gameViewers(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone, top: $top) {\n      bucket\n      bucketSeconds\n      timeZone\n      level\n      from\n      to\n      timestamps\n      coverage\n      partialSweeps\n      series {\n        gameId\n        name\n        averageViewers\n        peakViewers\n        hoursWatched\n      }\n    }\n  }\n": types.GameViewersDocument,
    "\n  query SystemInfo {\n    systemInfo {\n      version\n      dialect\n      embedded\n      postgresVersion\n      timescaleVersion\n      twitchSource\n      xSource\n      sweepIntervalSeconds\n      lastSweepAt\n      sweepCount\n    }\n  }\n": types.SystemInfoDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GameViewers($from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!, $top: Int!) {\n    gameViewers(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone, top: $top) {\n      bucket\n      bucketSeconds\n      timeZone\n      level\n      from\n      to\n      timestamps\n      coverage\n      partialSweeps\n      series {\n        gameId\n        name\n        averageViewers\n        peakViewers\n        hoursWatched\n      }\n    }\n  }\n"): (typeof documents)["\n  query GameViewers($from: DateTime!, $to: DateTime!, $bucket: Bucket!, $timeZone: String!, $top: Int!) {\n    gameViewers(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone, top: $top) {\n      bucket\n      bucketSeconds\n      timeZone\n      level\n      from\n      to\n      timestamps\n      coverage\n      partialSweeps\n      series {\n        gameId\n        name\n        averageViewers\n        peakViewers\n        hoursWatched\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemInfo {\n    systemInfo {\n      version\n      dialect\n      embedded\n      postgresVersion\n      timescaleVersion\n      twitchSource\n      xSource\n      sweepIntervalSeconds\n      lastSweepAt\n      sweepCount\n    }\n  }\n"): (typeof documents)["\n  query SystemInfo {\n    systemInfo {\n      version\n      dialect\n      embedded\n      postgresVersion\n      timescaleVersion\n      twitchSource\n      xSource\n      sweepIntervalSeconds\n      lastSweepAt\n      sweepCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;