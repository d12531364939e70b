import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.util';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; clientId: string } | { ok: false; message: string };

const ID_CONTENT_TYPE = 'application/json';

/** The id.twitch.tv side: client-credentials tokens and /validate. */
export class TwitchAuth {
  private readonly tokens = new Map<string, IssuedToken>();
  tokensIssued = 0;

  constructor(
    readonly clientId: string,
    private readonly clientSecret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  revokeAll(): void {
    this.tokens.clear();
  }

  check(token: string, clientId: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= this.now()) return { ok: false, message: 'Invalid OAuth token' };
    // Exact upstream text for a mismatch is unknown (contract §3); the status is what matters.
    if (issued.clientId !== clientId) return { ok: false, message: 'Client ID and OAuth token do not match' };
    return { ok: true, clientId };
  }

  async handleToken(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 404, { status: 404, message: 'Not Found' }, {}, ID_CONTENT_TYPE);
    const text = await readBody(req);
    const params = new Map<string, string>();
    for (const [k, v] of url.searchParams) params.set(k, v);
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json') && text.trim()) {
      try {
        const json = JSON.parse(text) as Record<string, unknown>;
        for (const [k, v] of Object.entries(json)) if (typeof v === 'string') params.set(k, v);
      } catch {
        return sendJson(res, 400, { status: 400, message: 'invalid request body' }, {}, ID_CONTENT_TYPE);
      }
    } else if (text) {
      for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
    }
    const clientId = params.get('client_id');
    if (!clientId) return sendJson(res, 400, { status: 400, message: 'missing client id' }, {}, ID_CONTENT_TYPE);
    if (clientId !== this.clientId) return sendJson(res, 400, { status: 400, message: 'invalid client' }, {}, ID_CONTENT_TYPE);
    if (params.get('client_secret') !== this.clientSecret) {
      return sendJson(res, 403, { status: 403, message: 'invalid client secret' }, {}, ID_CONTENT_TYPE);
    }
    const grant = params.get('grant_type');
    if (!grant) return sendJson(res, 400, { status: 400, message: 'missing grant type' }, {}, ID_CONTENT_TYPE);
    if (grant !== 'client_credentials') return sendJson(res, 400, { status: 400, message: 'invalid grant type' }, {}, ID_CONTENT_TYPE);
    const token = randomBytes(22).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 30);
    this.tokens.set(token, { clientId, expiresAt: this.now() + this.ttlSeconds * 1000 });
    this.tokensIssued += 1;
    sendJson(res, 200, { access_token: token, expires_in: this.ttlSeconds, token_type: 'bearer' }, {}, ID_CONTENT_TYPE);
  }

  handleValidate(req: IncomingMessage, res: ServerResponse): void {
    const header = req.headers.authorization ?? '';
    const match = /^(?:OAuth|Bearer)\s+(\S+)$/i.exec(header);
    if (!match) return sendJson(res, 401, { status: 401, message: 'missing authorization token' }, {}, ID_CONTENT_TYPE);
    const issued = this.tokens.get(match[1]!);
    if (!issued || issued.expiresAt <= this.now()) {
      return sendJson(res, 401, { status: 401, message: 'invalid access token' }, {}, ID_CONTENT_TYPE);
    }
    sendJson(
      res,
      200,
      { client_id: issued.clientId, scopes: null, expires_in: Math.max(0, Math.floor((issued.expiresAt - this.now()) / 1000)) },
      {},
      ID_CONTENT_TYPE,
    );
  }
}
