// Who the credential of this request is: what a console or a dashboard asks at sign-in to
// refuse a key of the wrong kind before showing anything (an operator console must not open
// with a storefront's secret key). Says nothing a caller does not already hold.
import type { Viewer } from '../../auth/viewer.js';
import { builder } from '../builder.js';
import { described } from './enums.js';

type ViewerKind = Viewer['kind'];

const VIEWER_KINDS: readonly ViewerKind[] = [
  'anonymous',
  'publishable',
  'secret',
  'member',
  'operator',
];

const ViewerKindEnum = builder.enumType('ViewerKind', {
  description: 'The kind of credential a request was made with.',
  values: Object.fromEntries(
    Object.entries(
      described(VIEWER_KINDS, {
        anonymous: 'No credential.',
        publishable: "A storefront's publishable key (pk_).",
        secret: "A storefront's secret key (sk_).",
        member: 'A member session.',
        operator: 'An operator key (op_): adjusters and administrators.',
      }),
    ).map(([kind, options]) => [kind.toUpperCase(), { ...options, value: kind as ViewerKind }]),
  ) as Record<Uppercase<ViewerKind>, { description: string; value: ViewerKind }>,
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The credential this request was made with.',
  fields: (t) => ({
    kind: t.field({
      type: ViewerKindEnum,
      description: 'Its kind: what it may read and do (operators: every claim and decision).',
      resolve: (viewer) => viewer.kind,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description:
      'The credential of this request, e.g. for a sign-in screen to check it is an operator key. Readable with any credential or none.',
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);
