// The member email channel: the event rendered with the policy version of its guarantee and
// sent through the mailer (SMTP, or .eml files without SMTP_URL).
import type { PolicyVersion } from '@lg/domain';
import type { Mailer } from '../mailer.js';
import { renderMemberEmail } from '../templates/index.js';
import { type Channel, failedForGood } from './channel.js';

export interface EmailChannelOptions {
  mailer: Mailer;
  /**
   * Runs `read` with a look-up of the policy version a guarantee was sold under; a version
   * published by another instance since this one loaded its list is read first.
   */
  withPolicies: <T>(read: (policyFor: (version: string) => PolicyVersion) => T) => Promise<T>;
  /** The time on the message (its file name without SMTP). */
  clock: () => Date;
}

export function emailChannel(options: EmailChannelOptions): Channel {
  return {
    async send(delivery) {
      const email = await options.withPolicies((policyFor) =>
        renderMemberEmail(delivery.eventType, delivery.event.data, {
          storefrontName: delivery.storefrontName,
          policyFor,
        }),
      );
      if (!email) return failedForGood(`no member email for ${delivery.eventType}`);
      const result = await options.mailer.send({
        to: delivery.target,
        subject: email.subject,
        text: email.text,
        html: email.html,
        inReplyTo: email.inReplyTo,
        eventId: delivery.eventId,
        at: options.clock(),
      });
      return { url: null, result };
    },
  };
}
