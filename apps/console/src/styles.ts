import { css } from 'lit';

/** What every view shares: type, tables, forms, focus rings; colours meet WCAG AA contrast. */
export const shared = css`
  :host {
    display: block;
    color: #1b1f24;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.6em;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.2rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  a {
    color: #0b57d0;
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid #0b57d0;
    outline-offset: 2px;
  }
  section {
    background: #fff;
    border: 1px solid #d5d9df;
    border-radius: 8px;
    padding: 1rem 1.25rem;
    margin-bottom: 1rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid #e3e6ea;
    vertical-align: top;
  }
  th {
    font-weight: 600;
    background: #f0f2f5;
  }
  td.num,
  th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  label {
    font-weight: 600;
    display: block;
    margin-bottom: 0.2rem;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
  }
  input[type='text'],
  input[type='password'],
  input[type='month'],
  select,
  textarea {
    border: 1px solid #6b7280;
    border-radius: 4px;
    padding: 0.35rem 0.5rem;
    background: #fff;
    color: inherit;
  }
  button {
    border: 1px solid #0b57d0;
    background: #0b57d0;
    color: #fff;
    border-radius: 4px;
    padding: 0.4rem 0.9rem;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #0b57d0;
  }
  button.danger {
    background: #b3261e;
    border-color: #b3261e;
  }
  button:disabled {
    background: #c4c7cc;
    border-color: #c4c7cc;
    color: #30343a;
    cursor: not-allowed;
  }
  .error {
    color: #b3261e;
    font-weight: 600;
  }
  .muted {
    color: #4b5563;
  }
  .overdue {
    color: #a30d0d;
    font-weight: 700;
  }
  tr.overdue-row {
    background: #fdecea;
  }
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: #e8eaed;
    color: #1b1f24;
    font-size: 0.85rem;
    white-space: nowrap;
  }
  .badge.warn {
    background: #fff0c2;
    color: #4a3500;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6rem, 40%) minmax(0, 1fr);
    gap: 0.3rem 1rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
