/**
 * Polls `check` until it holds, for what another instance learns through a NOTIFY. Bounded by
 * attempts, not by a clock reading, so a slow machine only makes it wait longer.
 */
export async function eventually(check: () => Promise<boolean>, attempts = 500): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
