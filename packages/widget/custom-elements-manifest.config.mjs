// `cem analyze` reads this. The class documents its events with @fires; the analyzer
// also reports the variable passed to the private emit() helper, which is not an event.
export default {
  globs: [
    'src/logistics-guarantee/*.component.ts',
    'src/claims/*.component.ts',
    'src/define.ts',
    'src/define-claims.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'lg-documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) {
              declaration.events = declaration.events.filter((event) =>
                event.name.startsWith('logistics-guarantee-'),
              );
            }
          }
        }
      },
    },
  ],
};
