import { z } from 'zod';

/**
 * Boundary schemas for Helix (contract §5-§8). Fields that changed over the API's life are
 * lenient where recordings disagree: `tags` and `is_mature` are absent in 2021 payloads,
 * `tag_ids` is deprecated (always [] since 2023), `igdb_id` appeared after 2022.
 */
export const helixStreamSchema = z.object({
  id: z.string().min(1),
  user_id: z.string().min(1),
  user_login: z.string(),
  user_name: z.string(),
  game_id: z.string(),
  game_name: z.string(),
  type: z.string(),
  title: z.string(),
  tags: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  viewer_count: z.number().int().nonnegative(),
  started_at: z.string().min(1),
  language: z.string(),
  thumbnail_url: z.string(),
  tag_ids: z.array(z.string()).nullish(),
  is_mature: z.boolean().optional(),
});

export const paginationSchema = z.object({ cursor: z.string().optional() }).optional();

export const streamsPageSchema = z.object({
  data: z.array(helixStreamSchema),
  pagination: paginationSchema,
});

export const helixGameSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  box_art_url: z.string(),
  igdb_id: z.string().optional(),
});

export const topGamesPageSchema = z.object({
  data: z.array(helixGameSchema),
  pagination: paginationSchema,
});

export const gamesSchema = z.object({ data: z.array(helixGameSchema) });

/** Search results carry a fixed-size box art URL, not a placeholder (contract §9). */
export const searchCategoriesPageSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1), name: z.string(), box_art_url: z.string() })),
  pagination: paginationSchema,
});

export const helixUserSchema = z.object({
  id: z.string().min(1),
  login: z.string(),
  display_name: z.string(),
  type: z.string(),
  broadcaster_type: z.string(),
  description: z.string(),
  profile_image_url: z.string(),
  offline_image_url: z.string(),
  view_count: z.number().int().optional(),
  email: z.string().optional(),
  created_at: z.string(),
});

export const usersSchema = z.object({ data: z.array(helixUserSchema) });

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string(),
});

/** Both envelopes: Helix {error,status,message} and id-server {status,message}. */
export const errorBodySchema = z.object({
  error: z.string().optional(),
  status: z.number().optional(),
  message: z.string().optional(),
});

export type HelixStream = z.output<typeof helixStreamSchema>;
export type HelixGame = z.output<typeof helixGameSchema>;
export type HelixUser = z.output<typeof helixUserSchema>;
export type HelixCategory = z.output<typeof searchCategoriesPageSchema>['data'][number];
