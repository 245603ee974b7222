/**
 * Short notices to a citizen's phone (SMS or WhatsApp) behind one interface, so a deployment plugs in
 * its gateway and tests use a recording double. Pandu ships no live implementation: nothing is sent
 * unless a deployment configures one. E-mail goes through the Mailer (src/lib/mailer.ts).
 */
export interface MessageSender {
  readonly channel: "sms" | "whatsapp";
  send(message: { to: string; text: string }): Promise<void>;
}

/** A sender that keeps what it was asked to send (tests, demos). */
export class RecordingMessageSender implements MessageSender {
  readonly sent: { to: string; text: string }[] = [];
  constructor(readonly channel: "sms" | "whatsapp" = "sms") {}
  async send(message: { to: string; text: string }): Promise<void> {
    this.sent.push(message);
  }
}
