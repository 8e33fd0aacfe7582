// Vitest reporters for every package. CI sets VITEST_REPORT_DIR so every package also writes a JSON
// report, which .ci/run sums into the one plain "N passed, N failed" line CI recognises.
import path from 'node:path';

type Reporter = string | [string, Record<string, unknown>];

export function reporters(packageName: string): Reporter[] {
  const dir = process.env.VITEST_REPORT_DIR;
  if (!dir) return ['default'];
  const file = path.join(dir, `${packageName.replace(/[^a-z0-9-]/gi, '_')}-${Date.now()}.json`);
  return ['default', ['json', { outputFile: file }]];
}
