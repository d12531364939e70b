import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const COOKIE = 'ss_admin';

/** The cookie holds an HMAC of the token, never the token itself. */
function sessionValue(token: string): string {
  return createHmac('sha256', token).update('streamscope-admin-session-v1').digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function isAdminRequest(req: Request, token: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7), token)) return true;
  const cookie = readCookie(req, COOKIE);
  return cookie !== null && safeEqual(cookie, sessionValue(token));
}

/** Guards Bull Board (pages and its JSON API): Bearer token or the login cookie. */
export function requireAdmin(token: string, loginPath: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isAdminRequest(req, token)) return next();
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
      return res.redirect(303, `${loginPath}?next=${encodeURIComponent(req.originalUrl)}`);
    }
    res.status(401).json({ error: 'admin token required: send Authorization: Bearer <ADMIN_TOKEN> or log in at ' + loginPath });
  };
}

const page = (message: string, next: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>StreamScope admin login</title>
<style>body{font:16px system-ui,sans-serif;background:#0f1115;color:#e8eaf0;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#181b22;padding:2rem;border-radius:12px;border:1px solid #2a2f3a;width:min(22rem,90vw)}
label{display:block;margin-bottom:.5rem}input{width:100%;box-sizing:border-box;padding:.6rem;border-radius:8px;border:1px solid #3a4050;background:#0f1115;color:inherit}
button{margin-top:1rem;width:100%;padding:.6rem;border:0;border-radius:8px;background:#8b5cf6;color:#fff;font-weight:600;cursor:pointer}
p{color:#f87171;min-height:1.2em}</style></head>
<body><form method="post" action="/admin/login"><h1>Admin login</h1>
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${next.replace(/[^A-Za-z0-9/_\-.?=&%]/g, '')}">
<p role="alert">${message}</p><button type="submit">Log in</button></form></body></html>`;

function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/admin/') && !value.startsWith('//') ? value : '/admin/queues';
}

export function loginPage(req: Request, res: Response) {
  res.type('html').send(page('', safeNext(req.query.next)));
}

export function loginHandler(token: string, secureCookie: boolean) {
  return (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const given = typeof body.token === 'string' ? body.token : '';
    const next = safeNext(body.next);
    if (!safeEqual(given, token)) {
      return res.status(401).type('html').send(page('That token is not right.', next));
    }
    res.cookie(COOKIE, sessionValue(token), { httpOnly: true, sameSite: 'strict', secure: secureCookie, path: '/admin' });
    res.redirect(303, next);
  };
}
