import { z } from "zod";

/** An optional line of text: trimmed, an empty string clears it (null). */
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** The kop surat text an agency sets; every field is optional and an empty one is cleared. */
export const LetterheadBody = z.object({
  officeName: line(200).describe("The issuing office under the government line, e.g. Dinas Komunikasi dan Informatika; empty: the agency's name"),
  address: line(300),
  phone: z
    .string()
    .trim()
    .regex(/^$|^[0-9 ()+\-/.,]{5,40}$/, "digits, spaces and ( ) + - / . , only")
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  email: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === "" || z.email().safeParse(v).success, "an e-mail address")
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  website: line(200),
  seat: line(100).describe("The seat city printed before a signature's date (Jambi, Muara Bulian); empty: derived for a city, else omitted"),
});

export const LetterheadResponse = z.object({
  officeName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  seat: z.string().nullable(),
  /** The seat used when none is set (a city's own name), or null. */
  defaultSeat: z.string().nullable(),
  logo: z.object({ sha256: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
  /** What the documents print now. */
  printed: z.object({ governmentName: z.string(), agencyName: z.string(), address: z.string().nullable(), contact: z.string().nullable(), seat: z.string().nullable() }),
  updatedAt: z.string().nullable(),
});
