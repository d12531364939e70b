/**
 * The subset of the X v2 search language StreamScope tracks (contract §5): keywords,
 * "exact phrases", #hashtag, @mention, $cashtag, from:, lang:, is:retweet|reply|quote, OR,
 * parentheses, implicit AND (binds before OR) and `-` negation of single terms. The X client
 * validates queries with it (a bad query rejected here saves a billed 400 and gives a message
 * the user can act on) and the simulator answers with it, so both read queries the same way.
 */

export type XQueryTerm =
  | { kind: 'keyword'; tokens: string[] }
  | { kind: 'phrase'; tokens: string[] }
  | { kind: 'hashtag'; value: string }
  | { kind: 'mention'; value: string }
  | { kind: 'cashtag'; value: string }
  | { kind: 'from'; value: string }
  | { kind: 'lang'; value: string }
  | { kind: 'is'; value: 'retweet' | 'reply' | 'quote' };

export type XQueryNode =
  | { type: 'term'; term: XQueryTerm; negated: boolean }
  | { type: 'and'; children: XQueryNode[] }
  | { type: 'or'; children: XQueryNode[] };

export type XQueryParse = { ok: true; ast: XQueryNode } | { ok: false; message: string };

export const SUPPORTED_OPERATORS =
  'keywords, "exact phrase", #hashtag, @mention, $cashtag, from:, lang:, is:retweet, is:reply, is:quote, OR, ( ), - (negation)';

const IS_VALUES = new Set(['retweet', 'reply', 'quote']);

class QueryError extends Error {}

type Token =
  | { t: 'lp' }
  | { t: 'rp' }
  | { t: 'or' }
  | { t: 'term'; term: XQueryTerm; negated: boolean };

/** Lower-cased word tokens, the unit keyword and phrase matching works on. */
export function textTokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

function termFor(word: string): XQueryTerm {
  const op = /^([A-Za-z_]+):(.*)$/.exec(word);
  if (op) {
    const name = op[1]!.toLowerCase();
    const value = op[2]!;
    if (name === 'from') {
      const v = value.replace(/^@/, '');
      if (!/^[A-Za-z0-9_]{1,15}$/.test(v)) throw new QueryError(`from: needs a username (1-15 letters, digits or _), got "${value}"`);
      return { kind: 'from', value: v.toLowerCase() };
    }
    if (name === 'lang') {
      if (!/^[a-z]{2,3}$/i.test(value)) throw new QueryError(`lang: needs a BCP47 language code such as en or ja, got "${value}"`);
      return { kind: 'lang', value: value.toLowerCase() };
    }
    if (name === 'is') {
      const v = value.toLowerCase();
      if (!IS_VALUES.has(v)) throw new QueryError(`is:${value} is not supported; use is:retweet, is:reply or is:quote`);
      return { kind: 'is', value: v as 'retweet' | 'reply' | 'quote' };
    }
    throw new QueryError(`unknown operator "${name}:"; supported: ${SUPPORTED_OPERATORS}`);
  }
  if (word.startsWith('#')) {
    if (!/^#[\p{L}\p{N}_]+$/u.test(word)) throw new QueryError(`invalid hashtag "${word}"`);
    return { kind: 'hashtag', value: word.slice(1).toLowerCase() };
  }
  if (word.startsWith('@')) {
    if (!/^@[A-Za-z0-9_]{1,15}$/.test(word)) throw new QueryError(`invalid mention "${word}" (1-15 letters, digits or _)`);
    return { kind: 'mention', value: word.slice(1).toLowerCase() };
  }
  if (word.startsWith('$')) {
    if (!/^\$[A-Za-z][A-Za-z0-9_]{0,5}$/.test(word)) throw new QueryError(`invalid cashtag "${word}"`);
    return { kind: 'cashtag', value: word.slice(1).toLowerCase() };
  }
  const tokens = textTokens(word);
  if (tokens.length === 0) throw new QueryError(`"${word}" has no letters or digits to match`);
  return { kind: 'keyword', tokens };
}

function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'lp' });
      i += 1;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'rp' });
      i += 1;
      continue;
    }
    let negated = false;
    if (c === '-') {
      const next = query[i + 1];
      if (next === undefined || /\s/.test(next) || next === ')') throw new QueryError('standalone "-": negation must be attached to a term, e.g. -is:retweet');
      if (next === '(') throw new QueryError('negated groups such as -( … ) are not allowed; negate each term instead');
      if (next === '-') throw new QueryError('double negation "--" is not allowed');
      negated = true;
      i += 1;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw new QueryError('unbalanced quotes: a "phrase" is not closed');
      const tokens = textTokens(query.slice(i + 1, close));
      if (tokens.length === 0) throw new QueryError('empty "phrase"');
      out.push({ t: 'term', term: { kind: 'phrase', tokens }, negated });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < query.length && !/[\s()"]/.test(query[j]!)) j += 1;
    const word = query.slice(i, j);
    if (word.includes('"') || query[j] === '"') throw new QueryError('unbalanced quotes: a quote must start a "phrase"');
    i = j;
    if (word === 'OR' && !negated) {
      out.push({ t: 'or' });
      continue;
    }
    out.push({ t: 'term', term: termFor(word), negated });
  }
  return out;
}

function parseTokens(tokens: Token[]): XQueryNode {
  let pos = 0;
  const parseOr = (depth: number): XQueryNode => {
    const branches: XQueryNode[] = [parseAnd(depth)];
    while (tokens[pos]?.t === 'or') {
      pos += 1;
      branches.push(parseAnd(depth));
    }
    return branches.length === 1 ? branches[0]! : { type: 'or', children: branches };
  };
  const parseAnd = (depth: number): XQueryNode => {
    const items: XQueryNode[] = [];
    for (;;) {
      const tok = tokens[pos];
      if (!tok || tok.t === 'or' || tok.t === 'rp') break;
      if (tok.t === 'lp') {
        pos += 1;
        if (tokens[pos]?.t === 'rp') throw new QueryError('empty parentheses "()"');
        const inner = parseOr(depth + 1);
        if (tokens[pos]?.t !== 'rp') throw new QueryError('unbalanced parentheses: "(" is not closed');
        pos += 1;
        items.push(inner);
        continue;
      }
      pos += 1;
      items.push({ type: 'term', term: tok.term, negated: tok.negated });
    }
    if (items.length === 0) {
      const tok = tokens[pos];
      if (tok?.t === 'or') throw new QueryError('OR must sit between two terms');
      if (tok?.t === 'rp' && depth === 0) throw new QueryError('unbalanced parentheses: unexpected ")"');
      throw new QueryError('OR must sit between two terms');
    }
    return items.length === 1 ? items[0]! : { type: 'and', children: items };
  };
  const ast = parseOr(0);
  if (pos < tokens.length) throw new QueryError('unbalanced parentheses: unexpected ")"');
  return ast;
}

const STANDALONE = new Set(['keyword', 'phrase', 'hashtag', 'mention', 'cashtag', 'from']);

/** X rejects queries made only of negations or of conjunction-required operators (is:, lang:). */
function hasStandalone(node: XQueryNode): boolean {
  if (node.type === 'term') return !node.negated && STANDALONE.has(node.term.kind);
  if (node.type === 'and') return node.children.some(hasStandalone);
  return node.children.every(hasStandalone);
}

export function parseXQuery(query: string, maxLength = 512): XQueryParse {
  try {
    if (query.trim() === '') throw new QueryError('query is empty');
    const length = [...query].length;
    if (length > maxLength) throw new QueryError(`query is ${length} characters long; the limit is ${maxLength}`);
    const tokens = tokenize(query);
    if (tokens.length === 0) throw new QueryError('query is empty');
    const ast = parseTokens(tokens);
    if (!hasStandalone(ast)) {
      throw new QueryError(
        'query needs at least one term that is not negated and is a keyword, "phrase", #hashtag, @mention, $cashtag or from: (is: and lang: only narrow a query)',
      );
    }
    return { ok: true, ast };
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Accepts a query X would accept, or says what is wrong with it. */
export function validateXQuery(query: string, opts: { maxLength?: number } = {}): { ok: true } | { ok: false; message: string } {
  const parsed = parseXQuery(query, opts.maxLength ?? 512);
  return parsed.ok ? { ok: true } : parsed;
}

/** What a post exposes to the matcher (all lower-cased). */
export interface XMatchable {
  /** " tok1 tok2 … ": keywords and phrases are searched as whole tokens in it. */
  joined: string;
  hashtags: readonly string[];
  mentions: readonly string[];
  cashtags: readonly string[];
  author: string;
  lang: string;
  kind: 'original' | 'reply' | 'quote' | 'retweet';
}

function termMatches(term: XQueryTerm, p: XMatchable): boolean {
  switch (term.kind) {
    case 'keyword':
    case 'phrase':
      return p.joined.includes(` ${term.tokens.join(' ')} `);
    case 'hashtag':
      return p.hashtags.includes(term.value);
    case 'mention':
      return p.mentions.includes(term.value);
    case 'cashtag':
      return p.cashtags.includes(term.value);
    case 'from':
      return p.author === term.value;
    case 'lang':
      return p.lang === term.value;
    case 'is':
      return p.kind === term.value;
  }
}

export function matchXQuery(node: XQueryNode, p: XMatchable): boolean {
  if (node.type === 'term') return termMatches(node.term, p) !== node.negated;
  if (node.type === 'and') return node.children.every((c) => matchXQuery(c, p));
  return node.children.some((c) => matchXQuery(c, p));
}
