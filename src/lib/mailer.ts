import type { Transporter } from "nodemailer";

/** Sends plain-text e-mail; absent when SMTP is not configured (links are then shown instead). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  /** Base URL for links in e-mails, e.g. https://spbe.jambiprov.go.id */
  publicUrl: string;
}

/** A mailer for SMTP_URL (smtp:// or smtps://, credentials in the URL) sending as `from`. */
export function createMailer(smtpUrl: string, from: string, publicUrl: string): Mailer {
  // nodemailer is loaded with the first message, not at start-up.
  let transport: Promise<Transporter> | undefined;
  return {
    publicUrl: publicUrl.replace(/\/$/, ""),
    send: async (m) => {
      transport ??= import("nodemailer").then((n) => n.default.createTransport(smtpUrl));
      await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/** The bilingual e-mail for an invitation or reset link. */
export function linkEmail(purpose: "invitation" | "reset", name: string, url: string, expiresAt: Date): { subject: string; text: string } {
  const until = expiresAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  if (purpose === "invitation") {
    return {
      subject: "Undangan Pandu SPBE / Invitation to Pandu SPBE",
      text: `Yth. ${name},\n\nAnda diundang menggunakan Pandu SPBE. Buat kata sandi Anda melalui tautan berikut (berlaku sampai ${until}):\n${url}\n\n---\nYou have been invited to Pandu SPBE. Set your password with this link (valid until ${until}):\n${url}\n`,
    };
  }
  return {
    subject: "Atur ulang kata sandi Pandu SPBE / Reset your Pandu SPBE password",
    text: `Yth. ${name},\n\nGunakan tautan berikut untuk mengatur ulang kata sandi (berlaku sampai ${until}). Abaikan e-mail ini bila Anda tidak memintanya.\n${url}\n\n---\nUse this link to reset your password (valid until ${until}). Ignore this e-mail if you did not ask for it.\n${url}\n`,
  };
}
