/** Basis points as a Decimal string with at least two decimals: 1000 → "0.10", 1250 → "0.125". */
export function basisPointsToDecimal(bps: number): string {
  const whole = Math.trunc(bps / 10_000);
  const fraction = String(Math.abs(bps % 10_000))
    .padStart(4, '0')
    .replace(/0{1,2}$/, '');
  return `${whole}.${fraction.replace(/(\d{2,}?)0+$/, '$1')}`;
}
