import { describe, expect, it } from "vitest";
import { detectFileType, evidenceFileName, SNIFF_BYTES } from "../../src/lib/file-type";
import { sampleDocx, sampleExe, sampleJpeg, sampleMp4, samplePdf, samplePng, samplePptx, sampleXlsx, sampleZip } from "./evidence-fixtures";

describe("evidence file types by content", () => {
  it.each([
    ["pdf", samplePdf()],
    ["png", samplePng()],
    ["jpeg", sampleJpeg()],
    ["mp4", sampleMp4()],
    ["docx", sampleDocx()],
    ["xlsx", sampleXlsx()],
    ["pptx", samplePptx()],
  ])("recognises %s", (type, bytes) => {
    expect(detectFileType(bytes, true)).toBe(type);
  });

  it("refuses executables, text, plain ZIP archives and truncated signatures", () => {
    expect(detectFileType(sampleExe(), true)).toBeNull();
    expect(detectFileType(Buffer.from("just some text pretending to be a PDF"), true)).toBeNull();
    expect(detectFileType(sampleZip(["foto.jpg", "catatan.txt"]), true)).toBeNull();
    expect(detectFileType(Buffer.from("%PD"), true)).toBeNull();
    expect(detectFileType(Buffer.alloc(0), true)).toBeNull();
  });

  it("asks for more bytes only while they could still decide", () => {
    expect(detectFileType(Buffer.from("%PD"), false)).toBe("more");
    const zipStart = sampleDocx().subarray(0, 60); // inside the first entries, before word/
    expect(detectFileType(zipStart, false)).toBe("more");
    expect(detectFileType(sampleZip(["a.txt"], SNIFF_BYTES), false)).toBeNull();
    expect(detectFileType(sampleExe().subarray(0, 10), false)).toBeNull();
  });

  it("finds the office folder behind a large first entry within the sniffed prefix", () => {
    const docx = sampleZip(["[Content_Types].xml", "word/document.xml"], 40_000);
    expect(detectFileType(docx.subarray(0, SNIFF_BYTES), false)).toBe("docx");
  });

  it("names stored files safely, with the extension of the detected type", () => {
    expect(evidenceFileName("C:\\Users\\x\\1.a.Perwal-12-2023.pdf", "pdf")).toBe("1.a.Perwal-12-2023.pdf");
    expect(evidenceFileName("../../etc/passwd", "png")).toBe("passwd.png");
    expect(evidenceFileName('scan "final".pdf', "png")).toBe("scan final.png");
    expect(evidenceFileName("Kebijakan\u0000\u001f SPBE.docx", "docx")).toBe("Kebijakan SPBE.docx");
    expect(evidenceFileName(undefined, "jpeg")).toBe("bukti-dukung.jpg");
    expect(evidenceFileName(".pdf", "pdf")).toBe("bukti-dukung.pdf");
    expect(evidenceFileName("Peta Rencana — revisi.xlsx", "xlsx")).toBe("Peta Rencana — revisi.xlsx");
  });
});
