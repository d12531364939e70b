import { defineEntity } from './define';

export interface XTrackedQuery {
  queryId: string;
  query: string;
  state: 'active' | 'paused';
  gameId: string | null;
  sinceId: string | null;
  createdAt: Date;
  pausedAt: Date | null;
  name: string | null;
  origin: 'manual' | 'config' | 'auto';
  searchedAt: Date | null;
}
export const XTrackedQueryEntity = defineEntity<XTrackedQuery>('x_tracked_queries', {
  queryId: ['bigint', { pk: true }],
  query: ['text'],
  state: ['text'],
  gameId: ['bigint', { nullable: true }],
  sinceId: ['text', { nullable: true }],
  createdAt: ['timestamptz'],
  pausedAt: ['timestamptz', { nullable: true }],
  name: ['text', { nullable: true }],
  origin: ['text'],
  searchedAt: ['timestamptz', { nullable: true }],
});

export interface XCount {
  queryId: string;
  granularity: 'minute' | 'hour' | 'day';
  bucketStart: Date;
  postCount: number;
  updatedAt: Date;
}
export const XCountEntity = defineEntity<XCount>('x_counts', {
  queryId: ['bigint', { pk: true }],
  granularity: ['text', { pk: true }],
  bucketStart: ['timestamptz', { pk: true }],
  postCount: ['int'],
  updatedAt: ['timestamptz'],
});

export interface XPost {
  postId: string;
  createdAt: Date;
  authorId: string | null;
  lang: string | null;
  text: string;
  kind: 'original' | 'reply' | 'quote' | 'retweet';
  conversationId: string | null;
}
export const XPostEntity = defineEntity<XPost>('x_posts', {
  postId: ['bigint', { pk: true }],
  createdAt: ['timestamptz'],
  authorId: ['bigint', { nullable: true }],
  lang: ['text', { nullable: true }],
  text: ['text'],
  kind: ['text'],
  conversationId: ['bigint', { nullable: true }],
});

export interface XPostQuery {
  postId: string;
  queryId: string;
}
export const XPostQueryEntity = defineEntity<XPostQuery>('x_post_queries', {
  postId: ['bigint', { pk: true }],
  queryId: ['bigint', { pk: true }],
});

export interface XPostEntityRow {
  postId: string;
  kind: 'hashtag' | 'mention' | 'url' | 'cashtag';
  value: string;
  createdAt: Date;
}
export const XPostEntityEntity = defineEntity<XPostEntityRow>('x_post_entities', {
  postId: ['bigint', { pk: true }],
  kind: ['text', { pk: true }],
  value: ['text', { pk: true }],
  createdAt: ['timestamptz'],
});

export interface XPostMetric {
  ts: Date;
  postId: string;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number | null;
  impressions: string | null;
}
export const XPostMetricEntity = defineEntity<XPostMetric>('x_post_metrics', {
  ts: ['timestamptz', { pk: true }],
  postId: ['bigint', { pk: true }],
  likes: ['int'],
  reposts: ['int'],
  replies: ['int'],
  quotes: ['int'],
  bookmarks: ['int', { nullable: true }],
  impressions: ['bigint', { nullable: true }],
});

export interface XAuthor {
  authorId: string;
  username: string;
  name: string;
  followers: number | null;
  following: number | null;
  posts: number | null;
  verified: boolean;
  updatedAt: Date;
}
export const XAuthorEntity = defineEntity<XAuthor>('x_authors', {
  authorId: ['bigint', { pk: true }],
  username: ['text'],
  name: ['text'],
  followers: ['int', { nullable: true }],
  following: ['int', { nullable: true }],
  posts: ['int', { nullable: true }],
  verified: ['boolean'],
  updatedAt: ['timestamptz'],
});
