/** The languages a member is answered in. */
export type MessageLanguage = 'en' | 'zh';

/**
 * The language to answer a member's email in: Chinese when Chinese characters make up a fair
 * share of what they wrote (at least one in five of its letters), English otherwise.
 */
export function messageLanguage(text: string): MessageLanguage {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return han > 0 && han * 5 >= letters ? 'zh' : 'en';
}
