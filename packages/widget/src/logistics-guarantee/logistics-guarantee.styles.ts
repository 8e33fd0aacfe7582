import { unsafeCSS } from 'lit';

// Colours derive from currentColor and the page's inherited color-scheme, so the widget
// reads well on light and dark pages without knowing which one it is on. Reserved boxes
// (a fee placeholder, an invisible copy of the coverage line under the status text, the
// details row kept in layout while the policy loads) keep the cart from jumping when the
// quote arrives. An unset --lg-color or --lg-font-size leaves the property inherited, an unset
// --lg-background leaves it transparent: no fallback needed for those. The fee placeholder is
// a flex item, so it is sized and centred as a block without display or vertical-align.
// unsafeCSS of a constant, not the css tag: the same stylesheet, without the tag's checks of
// interpolated values (there are none here), which cost ~160 bytes gzip of the bundle.
export const styles = unsafeCSS(`
  :host {
    display: block;
    color: var(--lg-color);
    font-size: var(--lg-font-size);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  div {
    padding: var(--lg-padding, 12px 16px);
    border: 1px solid var(--lg-border-color, color-mix(in srgb, currentColor 25%, transparent));
    border-radius: var(--lg-radius, 8px);
    background: var(--lg-background);
  }
  label {
    display: flex;
    align-items: center;
    gap: .5em;
    font-weight: 600;
    cursor: pointer;
  }
  input {
    flex: none;
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--lg-accent-color, auto);
    cursor: inherit;
  }
  [part=fee] {
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [part=fee]:empty {
    width: 4em;
    height: 1em;
    border-radius: 4px;
    background: color-mix(in srgb, currentColor 15%, transparent);
  }
  p,
  details {
    margin: 4px 0 0;
    padding-inline-start: 1.8em;
    font-size: .875em;
  }
  p {
    display: grid;
  }
  p > * {
    grid-area: 1 / 1;
  }
  .sizer,
  .hidden {
    visibility: hidden;
  }
  summary {
    width: fit-content;
    text-decoration: underline;
    cursor: pointer;
  }
  ul {
    margin: 4px 0;
    padding-inline-start: 1.2em;
  }
  b {
    display: block;
    margin-top: 8px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`);
