import { describe, expect, it } from 'vitest';
import { sniff, zipEntryNames } from './sniff';
import { docx, docxEntries, gif, jpeg, minimalPdf, oleDoc, png, pptx, pptxEntries, webp, windowsExe, zip } from './test-files';

const typeOf = (bytes: Uint8Array) => {
  const r = sniff(bytes);
  return r.ok ? r.file.type : `refused:${r.reason}`;
};

describe('recognising a file by its content', () => {
  it('knows each allowed type from real tiny files', () => {
    expect(typeOf(minimalPdf())).toBe('pdf');
    expect(typeOf(docx())).toBe('docx');
    expect(typeOf(pptx())).toBe('pptx');
    expect(typeOf(png())).toBe('png');
    expect(typeOf(jpeg())).toBe('jpeg');
    expect(typeOf(gif())).toBe('gif');
    expect(typeOf(webp())).toBe('webp');
    expect(sniff(docx())).toEqual({ ok: true, file: { type: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } });
  });

  it('reads deflated Office packages, as Office tools write them', () => {
    expect(typeOf(zip(docxEntries('대한민국 中国 日本'), { deflate: true }))).toBe('docx');
    expect(typeOf(zip(pptxEntries(), { deflate: true }))).toBe('pptx');
    expect(typeOf(zip([{ name: 'notes.txt', data: 'hello' }], { deflate: true }))).toBe('refused:zip_not_office');
    // An archive comment follows the end record; the directory is still found.
    const commented = zip(docxEntries(), { deflate: true, comment: 'Prepared for the first meeting\n' });
    expect(commented.subarray(-31).toString()).toContain('Prepared for the first meeting');
    expect(typeOf(commented)).toBe('docx');
  });

  it('refuses a program, whatever it is called', () => {
    expect(typeOf(windowsExe())).toBe('refused:unknown');
    expect(typeOf(Buffer.from('\x7fELF\x02\x01\x01\0', 'binary'))).toBe('refused:unknown');
    expect(typeOf(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('refused:unknown');
  });

  it('refuses HTML, SVG, text and empty files', () => {
    expect(typeOf(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'))).toBe('refused:unknown');
    expect(typeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe('refused:unknown');
    expect(typeOf(Buffer.from('Just some notes'))).toBe('refused:unknown');
    expect(typeOf(Buffer.alloc(0))).toBe('refused:empty');
  });

  it('refuses a PDF header that does not come first (the HTML/PDF polyglot)', () => {
    expect(typeOf(Buffer.concat([Buffer.from('<html><script>x()</script>'), minimalPdf()]))).toBe('refused:unknown');
    expect(typeOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), minimalPdf()]))).toBe('refused:unknown');
  });

  it('refuses an old binary .doc, a plain ZIP and an archive that is not Office', () => {
    expect(typeOf(oleDoc())).toBe('refused:unknown');
    expect(typeOf(zip([{ name: 'readme.txt', data: 'hello' }]))).toBe('refused:zip_not_office');
    // An OpenDocument text file: a ZIP with a different package layout.
    expect(typeOf(zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: '<office:document-content/>' }]))).toBe('refused:zip_not_office');
    // word/document.xml alone (no [Content_Types].xml) is not an Office package.
    expect(typeOf(zip([{ name: 'word/document.xml', data: '<w:document/>' }]))).toBe('refused:zip_not_office');
  });

  it('refuses Office files with macros (a .docm or .pptm named .docx)', () => {
    expect(typeOf(zip([...docxEntries(), { name: 'word/vbaProject.bin', data: new Uint8Array([1, 2, 3]) }]))).toBe('refused:office_with_macros');
    expect(typeOf(zip([...pptxEntries(), { name: 'ppt/vbaProject.bin', data: new Uint8Array([1]) }]))).toBe('refused:office_with_macros');
  });

  it('refuses a ZIP appended to a program (a self-extracting .exe) and a DOCX with something appended', () => {
    expect(typeOf(Buffer.concat([windowsExe(), docx()]))).toBe('refused:unknown');
    expect(typeOf(Buffer.concat([docx(), Buffer.from('<html>trailing</html>')]))).toBe('refused:zip_malformed');
  });

  it('refuses truncated and malformed archives without throwing', () => {
    const whole = docx();
    for (const cut of [4, 30, 100, whole.length - 30, whole.length - 1]) expect(typeOf(whole.subarray(0, cut))).toMatch(/^refused:/);
    // A central directory entry count larger than the directory holds.
    const lying = Buffer.from(whole);
    lying.writeUInt16LE(60_000, lying.length - 12);
    expect(typeOf(lying)).toBe('refused:zip_malformed');
    // Random bytes after a local header signature.
    const noise = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))]);
    expect(typeOf(noise)).toBe('refused:zip_malformed');
  });

  it('reads ZIP64 end records and archive comments', () => {
    expect(typeOf(zip(docxEntries(), { zip64: true }))).toBe('docx');
    expect(typeOf(zip(pptxEntries(), { comment: 'PK\x05\x06 a comment that looks like an end record' }))).toBe('pptx');
    expect(zipEntryNames(zip([{ name: '회의 자료/발표.xml', data: 'x' }]))).toEqual(['회의 자료/발표.xml']);
  });

  it('requires more than the first bytes of the image types', () => {
    expect(typeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('refused:unknown');
    expect(typeOf(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBe('refused:unknown');
    expect(typeOf(Buffer.from('GIF88a'))).toBe('refused:unknown');
  });

  it('reads a view into a larger buffer correctly', () => {
    const inside = Buffer.concat([Buffer.alloc(7), docx(), Buffer.alloc(5)]);
    expect(typeOf(inside.subarray(7, inside.length - 5))).toBe('docx');
  });
});
