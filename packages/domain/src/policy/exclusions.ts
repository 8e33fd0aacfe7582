import type { ClaimReasonCode } from '../claims/claim-vocabulary.js';
import { deepFreeze } from '../internal/deep-freeze.js';

/** R11: one reason a claim can be rejected, as shown to members ("learn more", rejections). */
export interface Exclusion {
  code: ClaimReasonCode;
  /** A short label for lists, e.g. "Natural disaster". */
  title: string;
  /** The terms' wording in plain words. */
  description: string;
}

/** Every R11 exclusion of policy 2026-11, in POLICY.md order; wording from the terms page. */
export const EXCLUSIONS_2026_11: readonly Exclusion[] = deepFreeze([
  {
    code: 'NATURAL_DETERIORATION',
    title: 'Natural deterioration',
    description: 'Damage or loss caused by the natural deterioration or loss of the goods.',
  },
  {
    code: 'NATURAL_DISASTER',
    title: 'Natural disaster',
    description:
      'Damage or loss caused during transport by severe weather, lightning, tsunamis, earthquakes, floods, tornadoes, storms, fires, plagues, fog, snow, frost or geological disasters.',
  },
  {
    code: 'TEMPERATURE_OR_HUMIDITY',
    title: 'Temperature or humidity',
    description: 'Damage caused by any change in temperature or humidity.',
  },
  {
    code: 'INCORRECT_ADDRESS',
    title: 'Incorrect delivery address',
    description: 'The package was sent to an incorrect delivery address.',
  },
  {
    code: 'INACCURATE_ORDER_INFORMATION',
    title: 'Inaccurate order information',
    description: 'The order information was inaccurate.',
  },
  {
    code: 'NO_SIGNATURE',
    title: 'No signature',
    description: 'The package was delivered without a signature.',
  },
  {
    code: 'SUSPECTED_FRAUD',
    title: 'Suspected fraud',
    description: 'The order is suspicious or fraudulent.',
  },
  {
    code: 'BUYER_UNREACHABLE',
    title: 'Buyer unreachable',
    description: 'The buyer could not be contacted.',
  },
  {
    code: 'NO_WAREHOUSE_SIGNATURE',
    title: 'No warehouse signature',
    description:
      'The package has no valid signature from the consignee at the warehouse, nor certified proof that a responsible overseas courier delivered it to our overseas warehouse.',
  },
  {
    code: 'ADDRESS_MISMATCH',
    title: 'Address differs from Member Center',
    description:
      'The delivery address is wrong or inaccurate and does not match the address given in the Member Center.',
  },
  {
    code: 'RECIPIENT_FAULT',
    title: "Recipient's fault",
    description: "The package was lost through the recipient's fault.",
  },
  {
    code: 'MARKET_PRICE_FLUCTUATION',
    title: 'Market price changes',
    description: 'Losses caused by changes in market prices.',
  },
  {
    code: 'CIVIL_DISTURBANCE',
    title: 'Accidents, unrest or war',
    description:
      'Shipping accidents, invasions, riots, strikes or other regional disputes during transport, such as civil unrest, terrorist attacks or wars.',
  },
  {
    code: 'RADIOACTIVE_CONTAMINATION',
    title: 'Radioactive contamination',
    description: 'Damage or loss caused by radioactive contamination.',
  },
  {
    code: 'SANCTIONS',
    title: 'Sanctions',
    description: 'Losses caused by control sanctions.',
  },
  {
    code: 'TRADE_RESTRICTION',
    title: 'Import or export ban',
    description:
      'Any temporary ban or restriction on the export or import of the goods imposed in the area they are shipped from or to.',
  },
  {
    code: 'CONTENTS_UNDAMAGED',
    title: 'Contents not damaged',
    description:
      'The package arrived intact, or only the outer packaging was twisted, destroyed or damaged while the contents were not.',
  },
  {
    code: 'MISSING_DOCUMENTS',
    title: 'Missing documents',
    description:
      'A required document is missing (proof of purchase, order notification email, and for damage or partial loss photos of the packaging and contents), or the necessary details could not be confirmed.',
  },
  {
    code: 'CLAIM_WINDOW_EXPIRED',
    title: 'Claimed too late',
    description:
      'Damage and partial-loss claims must be made within 24 hours after the package was received.',
  },
  {
    code: 'PACKAGE_UNCLAIMED',
    title: 'Package left unclaimed',
    description:
      'The package stayed unclaimed for more than 30 days after arriving at the destination.',
  },
  {
    code: 'NOT_COVERED',
    title: 'Not covered',
    description: 'The order or package has no Logistics Guarantee.',
  },
]);
