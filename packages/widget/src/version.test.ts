import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WIDGET_VERSION } from './version.js';

describe('WIDGET_VERSION', () => {
  it("is the package's version, so consent records name the build that showed the offer", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(WIDGET_VERSION).toBe(pkg.version);
  });
});
