import { apiUrl, type ApiResponse } from "./apiTypes";
import { xhrSend } from "./xhrSend";

/** The answer to an instrument upload: the version kept (or the identical newest one). */
export type InstrumentUploadResult = ApiResponse<"postInstruments">;

/** The largest instrument file the server accepts (it checks again). */
export const INSTRUMENT_MAX_BYTES = 1024 * 1024;

/** Uploads an instrument file (.json, .yaml or .yml) as multipart; the server validates it completely. */
export async function uploadInstrumentFile(file: File): Promise<InstrumentUploadResult> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await xhrSend("POST", apiUrl("/api/instruments", {}), form, {}, () => undefined).done) as InstrumentUploadResult;
}
