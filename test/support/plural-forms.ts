/**
 * Whether a language's plural category holds exactly one whole number (Arabic "zero", "one" and
 * "two"; English "one"): a form of that category may say the number in words ("سجلان", "one
 * record") instead of {{count}}. Where a category holds many numbers (Serbian "one" is 1, 21,
 * 31…; French "one" is 0 and 1) the form must show the count.
 */
export function namesOneNumber(language: string, category: string): boolean {
  const rules = new Intl.PluralRules(language);
  let numbers = 0;
  for (let n = 0; n <= 1000 && numbers < 2; n += 1) if (rules.select(n) === category) numbers += 1;
  return numbers === 1;
}
