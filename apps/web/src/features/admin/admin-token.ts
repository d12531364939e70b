import { useCallback, useState } from 'react';

export const ADMIN_TOKEN_KEY = 'streamscope.adminToken';

function read(): string | null {
  try {
    return sessionStorage.getItem(ADMIN_TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * The admin token lives in sessionStorage: entered once per tab session, gone when the tab
 * closes, never in localStorage or the URL.
 */
export function useAdminToken(): { token: string | null; save(token: string): void; forget(): void } {
  const [token, setToken] = useState<string | null>(read);
  const save = useCallback((next: string) => {
    try {
      sessionStorage.setItem(ADMIN_TOKEN_KEY, next);
    } catch {
      // Storage blocked: the token lasts for this page only.
    }
    setToken(next);
  }, []);
  const forget = useCallback(() => {
    try {
      sessionStorage.removeItem(ADMIN_TOKEN_KEY);
    } catch {
      // nothing stored
    }
    setToken(null);
  }, []);
  return { token, save, forget };
}

export function adminContext(token: string): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${token}` } };
}
