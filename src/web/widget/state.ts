// What the widget keeps across page loads (localStorage), and which shopper a token speaks for.
export interface StoredState {
  identity?: string;
  sessionId?: string;
  conversationId?: string;
}

export function loadState(key: string): StoredState {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) || '{}');
    return v && typeof v === 'object' ? (v as StoredState) : {};
  } catch {
    return {};
  }
}

export function saveState(key: string, s: StoredState): void {
  try {
    localStorage.setItem(key, JSON.stringify(s));
  } catch {
    /* storage disabled: the session lasts this page */
  }
}

/** Which shopper a token speaks for: a conversation started by one shopper is never resumed for another. */
export function identityOf(token: string | null): string {
  if (!token) return 'anonymous';
  try {
    const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(part + '==='.slice((part.length + 3) % 4)));
    if (claims && typeof claims === 'object' && 'sub' in claims && claims.sub) return 'sub:' + String(claims.sub);
  } catch {
    /* an opaque token */
  }
  return 'token:' + token.slice(-24);
}
