/** A date as an adjuster reads it in a signal's detail: "2026-11-02 14:05 UTC". */
export function formatUtcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
