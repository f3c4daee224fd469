/**
 * A small A4 PDF of plain paragraphs (Latin text, Helvetica), for the demo's background paper:
 * generated here so that nothing is fetched or bundled.
 */
export function paperPdf(title: string, paragraphs: readonly string[]): Buffer {
  const wrap = (text: string, width: number) => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      if ((line + ' ' + word).trim().length > width) {
        lines.push(line.trim());
        line = word;
      } else line += ` ${word}`;
    }
    if (line.trim()) lines.push(line.trim());
    return lines;
  };
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, (c) => ({ '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-' })[c] ?? '?');
  const body = [
    'BT /F2 15 Tf 56 780 Td 18 TL',
    ...wrap(title, 60).map((l) => `(${esc(l)}) Tj T*`),
    '/F1 10.5 Tf 14 TL T*',
    ...paragraphs.flatMap((p) => [...wrap(p, 92).map((l) => `(${esc(l)}) Tj T*`), 'T*']),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
