// Man pages are imported as text: roff (man and mdoc) macros and escapes become plain words.
import { describe, expect, it } from 'vitest';
import { isManPage, manToText } from '../../src/vfs/man-text.js';

describe('manToText', () => {
  it('turns a man(7) page into readable text', () => {
    const roff = [
      '.\\" generated',
      '.TH LS "1" "2022" "coreutils"',
      '.SH NAME',
      'ls \\- list directory contents',
      '.SH DESCRIPTION',
      '.PP',
      'List \\fBinformation\\fR about the FILEs.',
      '.TP',
      '\\fB\\-a\\fR, \\fB\\-\\-all\\fR',
      'do not ignore entries',
    ].join('\n');
    expect(manToText(roff)).toBe('NAME\nls - list directory contents\n\nDESCRIPTION\n\nList information about the FILEs.\n\n-a, --all\ndo not ignore entries\n');
  });

  it('turns mdoc macros into words and flags', () => {
    const mdoc = ['.Dd 2023', '.Dt SSH 1', '.Sh NAME', '.Nm ssh', '.Nd OpenSSH remote login client', '.Sh SYNOPSIS', '.Nm', '.Op Fl 46', '.Op Fl B Ar bind_interface'].join('\n');
    expect(manToText(mdoc)).toBe('NAME\nssh\n- OpenSSH remote login client\n\nSYNOPSIS\n[-46]\n[-B bind_interface]\n');
  });

  it('recognises man pages by name and first macros only', () => {
    expect(isManPage('ls.1', '.TH LS 1\n')).toBe(true);
    expect(isManPage('notes.md', '.TH LS 1\n')).toBe(false);
    expect(isManPage('data.1', 'plain text\n')).toBe(false);
  });
});
