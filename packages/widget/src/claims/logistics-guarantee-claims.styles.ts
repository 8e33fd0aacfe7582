import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    color: var(--lg-color, inherit);
    font-size: var(--lg-font-size, inherit);
    --b: var(--lg-border-color, color-mix(in srgb, currentColor 25%, transparent));
  }
  [hidden] {
    display: none !important;
  }
  section,
  article,
  form {
    border: 1px solid var(--b);
    border-radius: var(--lg-radius, 8px);
    padding: var(--lg-padding, 12px 16px);
    background: var(--lg-background, transparent);
    margin: 0 0 12px;
  }
  article {
    margin: 8px 0;
  }
  h2,
  h3,
  h4 {
    margin: 0 0 8px;
    font-size: 1.1em;
  }
  h3,
  h4 {
    font-size: 1em;
  }
  ul,
  ol {
    margin: 4px 0;
    padding-left: 1.2em;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 12px;
    margin: 4px 0;
  }
  dd {
    margin: 0;
  }
  table {
    border-collapse: collapse;
  }
  td {
    padding: 2px 12px 2px 0;
  }
  .badge {
    border: 1px solid var(--b);
    border-radius: 999px;
    padding: 0 8px;
    font-size: 0.85em;
    white-space: nowrap;
  }
  .error {
    color: var(--lg-error-color, #b3261e);
  }
  .muted {
    opacity: 0.8;
  }
  label {
    display: block;
    margin: 6px 0;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 8px 0;
  }
  select,
  textarea,
  input,
  button {
    font: inherit;
    color: inherit;
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
  }
  button {
    cursor: pointer;
    padding: 6px 12px;
    border-radius: var(--lg-radius, 8px);
    border: 1px solid var(--lg-accent-color, currentColor);
    background: var(--lg-accent-color, transparent);
    color: var(--lg-accent-text-color, inherit);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--lg-accent-color, currentColor);
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
