import type { XMatchable } from './x.query';

export interface XSimEntities {
  hashtags: { start: number; end: number; tag: string }[];
  mentions: { start: number; end: number; username: string; id: string }[];
  urls: { start: number; end: number; url: string; expanded_url: string; display_url: string }[];
  cashtags: { start: number; end: number; tag: string }[];
}

export interface XSimMetrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  impressions: number;
}

/** A simulated post; `final` holds the engagement it converges to after a few days. */
export interface XSimPost {
  id: string;
  createdAt: number;
  /** Catalog index of the game the post is about (also the machine bits of its id). */
  game: number;
  seq: number;
  kind: 'original' | 'reply' | 'quote' | 'retweet';
  lang: string;
  authorIdx: number;
  authorId: string;
  text: string;
  entities: XSimEntities;
  refId: string | null;
  inReplyToUserId: string | null;
  conversationId: string;
  final: XSimMetrics;
  match: XMatchable;
}

/** User object as served with every user.fields value the simulator knows. */
export interface XSimUser {
  index: number;
  id: string;
  username: string;
  name: string;
  created_at: string;
  verified: boolean;
  verified_type: 'blue' | 'none';
  public_metrics: { followers_count: number; following_count: number; tweet_count: number; listed_count: number; like_count: number };
}
