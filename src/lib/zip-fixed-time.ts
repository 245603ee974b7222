/** 1980-01-01 00:00 in MS-DOS date and time fields: the earliest time a ZIP entry can carry. */
const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;
const DOS_TIME_0 = 0;

/**
 * Sets the modification time of every entry of a ZIP archive (in its local header and its central
 * directory record) to 1980-01-01 00:00, in place, so that the same content gives the same bytes
 * whenever it is written (the ZIP writer stamps entries with the current time). Returns the same
 * buffer. Anything that is not a well-formed archive is left as it is and an error is thrown.
 */
export function fixZipEntryTimes(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new Error("not a ZIP archive: no end of central directory");
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const updates: number[] = [];
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`not a ZIP archive: central directory entry ${i}`);
    const local = zip.readUInt32LE(at + 42);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`not a ZIP archive: local header of entry ${i}`);
    updates.push(at + 12, local + 10);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  for (const offset of updates) {
    zip.writeUInt16LE(DOS_TIME_0, offset);
    zip.writeUInt16LE(DOS_DATE_1980, offset + 2);
  }
  return zip;
}
