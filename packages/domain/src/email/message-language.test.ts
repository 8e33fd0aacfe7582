import { describe, expect, it } from 'vitest';
import { messageLanguage } from './message-language.js';

describe('messageLanguage', () => {
  it('answers a mail written in Chinese in Chinese', () => {
    expect(messageLanguage('我的包裹到货时破损了，请处理。')).toBe('zh');
    expect(messageLanguage('订单 SO-88817 的包裹损坏 (damaged)')).toBe('zh');
  });

  it('answers English, or a mail with a stray Chinese word, in English', () => {
    expect(messageLanguage('The package arrived damaged.')).toBe('en');
    expect(messageLanguage('The box labelled 易碎 arrived crushed, the vase inside broken.')).toBe(
      'en',
    );
    expect(messageLanguage('')).toBe('en');
  });
});
