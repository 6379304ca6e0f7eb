/**
 * RFC 4180 CSV: comma separated, `"` quoting with `""` escapes, CRLF or LF line ends, a UTF-8 BOM
 * tolerated. Returns rows of cells with the line each row starts on (quoted cells may span lines).
 */
export function parseCsv(text: string): { rows: { line: number; cells: string[] }[]; error: string | null } {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (quoted) return { rows, error: `line ${rowLine}: a quoted cell is not closed` };
  if (cell !== '' || cells.length) endRow();
  return { rows, error: null };
}
