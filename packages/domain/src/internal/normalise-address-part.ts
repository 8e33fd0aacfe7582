// Lower-case, strip accents, turn punctuation into spaces and collapse whitespace, so
// "12 Main St., Apt 4" and "12 main st apt 4" are the same place.
export function normaliseAddressPart(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Postal codes differ only in spacing and dashes ("SW1A 1AA" = "sw1a1aa", "12345-6789" =
// "123456789").
export function normalisePostalCode(value: string | null | undefined): string {
  return normaliseAddressPart(value).replace(/ /g, '');
}
