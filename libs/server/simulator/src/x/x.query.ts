// The X query language lives in @streamscope/shared, which the X client validates queries with too.
export { parseXQuery, matchXQuery, textTokens, type XQueryNode, type XQueryTerm, type XMatchable } from '@streamscope/shared';
