import { z } from 'zod';

/**
 * Wire shapes of X API v2 (contract §2, §6-§8). Optional fields are omitted by the API rather
 * than null, and default field sets carry only id/text (tweets) or id/name/username (users),
 * so everything beyond those is optional here; unknown keys pass through.
 */
export const xIdSchema = z.string().regex(/^[0-9]{1,19}$/, 'expected a decimal id string');
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 timestamp');
const count = z.number().int().nonnegative();

const span = { start: z.number().int(), end: z.number().int() };

export const xEntitiesSchema = z.looseObject({
  hashtags: z.array(z.looseObject({ ...span, tag: z.string() })).optional(),
  mentions: z.array(z.looseObject({ ...span, username: z.string(), id: xIdSchema.optional() })).optional(),
  urls: z
    .array(z.looseObject({ ...span, url: z.string(), expanded_url: z.string().optional(), display_url: z.string().optional() }))
    .optional(),
  cashtags: z.array(z.looseObject({ ...span, tag: z.string() })).optional(),
  annotations: z.array(z.looseObject({})).optional(),
});

export const xPublicMetricsSchema = z.looseObject({
  retweet_count: count,
  reply_count: count,
  like_count: count,
  quote_count: count.optional(),
  bookmark_count: count.optional(),
  impression_count: count.optional(),
});

export const xTweetSchema = z.looseObject({
  id: xIdSchema,
  text: z.string(),
  edit_history_tweet_ids: z.array(xIdSchema).optional(),
  created_at: isoTime.optional(),
  author_id: xIdSchema.optional(),
  conversation_id: xIdSchema.optional(),
  in_reply_to_user_id: xIdSchema.optional(),
  lang: z.string().optional(),
  public_metrics: xPublicMetricsSchema.optional(),
  entities: xEntitiesSchema.optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: xIdSchema })).optional(),
});

export const xUserSchema = z.looseObject({
  id: xIdSchema,
  name: z.string(),
  username: z.string(),
  created_at: isoTime.optional(),
  verified: z.boolean().optional(),
  verified_type: z.string().optional(),
  public_metrics: z
    .looseObject({ followers_count: count, following_count: count, tweet_count: count, listed_count: count, like_count: count.optional() })
    .optional(),
});

/** Problem items of the partial `errors` array in 200 answers; `type` is opaque (contract §3). */
export const xPartialErrorSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  value: z.unknown().optional(),
  parameter: z.string().optional(),
  resource_type: z.string().optional(),
  resource_id: z.string().optional(),
});

export const xProblemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
  errors: z.array(z.looseObject({ message: z.string().optional() })).optional(),
});

const includesSchema = z.looseObject({ users: z.array(xUserSchema).optional(), tweets: z.array(xTweetSchema).optional() });

export const xSearchPageSchema = z.looseObject({
  data: z.array(xTweetSchema).optional(),
  includes: includesSchema.optional(),
  meta: z.looseObject({
    result_count: count,
    newest_id: xIdSchema.optional(),
    oldest_id: xIdSchema.optional(),
    next_token: z.string().optional(),
  }),
  errors: z.array(xPartialErrorSchema).optional(),
});

export const xCountsPageSchema = z.looseObject({
  data: z.array(z.looseObject({ start: isoTime, end: isoTime, tweet_count: count })).optional(),
  meta: z.looseObject({ total_tweet_count: count, next_token: z.string().optional() }),
  errors: z.array(xPartialErrorSchema).optional(),
});

export const xTweetsLookupSchema = z.looseObject({
  data: z.array(xTweetSchema).optional(),
  includes: includesSchema.optional(),
  errors: z.array(xPartialErrorSchema).optional(),
});

/** GET /2/tweets/:id — `data` is an object (not used by the client, kept for the recordings). */
export const xSingleTweetSchema = z.looseObject({ data: xTweetSchema, includes: includesSchema.optional() });

/** GET /2/users, /2/users/by (array) and /2/users/by/username/:u (object). */
export const xUsersLookupSchema = z.looseObject({
  data: z.union([z.array(xUserSchema), xUserSchema]).optional(),
  errors: z.array(xPartialErrorSchema).optional(),
});

export type XTweetWire = z.output<typeof xTweetSchema>;
export type XUserWire = z.output<typeof xUserSchema>;
export type XPartialErrorWire = z.output<typeof xPartialErrorSchema>;
