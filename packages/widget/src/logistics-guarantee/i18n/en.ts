import type { Messages } from './messages.js';

export const en: Messages = {
  lang: 'en',
  label: 'Add shipping protection',
  loading: 'Getting the price…',
  covered: (max, hours) =>
    `Covers loss or damage in transit, up to ${max} per package. Report damage within ${hours} hours of delivery.`,
  empty: 'Protection can be added once your cart has items.',
  unavailable: 'Shipping protection is unavailable right now.',
  details: 'Coverage and claims',
  loss: (max, share) =>
    `Loss: the items' value and ${share} of shipping, up to ${max} per package.`,
  damage: (share, cap) => `Damage: up to ${share} of shipping plus ${cap} for the items.`,
  minimumFee: (fee) => `Minimum fee: ${fee}.`,
  exclusions: 'Not covered',
  claims: 'Claims',
  claimWindow: (hours) => `Report damage or missing items within ${hours} hours of delivery.`,
  documents: 'Send the proof of purchase, the order email and, for damage, photos of the package.',
  unclaimed: (days) =>
    `Packages unclaimed at the destination for over ${days} days are not covered.`,
  response: (days) => `Decision within ${days} days of receiving all documents.`,
};
