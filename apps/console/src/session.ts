// The operator key lives in this tab's session storage only: closed tab, gone. Never in a
// URL (no query string, no hash), never in local storage, never logged.
const KEY = 'lg-console.operator-key';

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
