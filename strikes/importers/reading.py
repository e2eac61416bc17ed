"""Reading a file into a frame of text cells: CSV in any of the encodings analysts use, XLSX, JSON records.

Every cell is read as text (`dtype=str`), so "0050" stays "0050" and a date is parsed by our rules, not by
a spreadsheet's guess. Encodings: a BOM decides (UTF-8 or UTF-16); else UTF-8 when the bytes are valid UTF-8;
else cp1251 (Cyrillic Windows, what Excel writes for a Russian or Ukrainian locale) when the text then reads
as Cyrillic words — cp1252 (a Western Excel's save) when those "Cyrillic" letters sit inside Latin words, as
accented letters read as cp1251 do; else charset-normalizer's best guess.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from charset_normalizer import from_bytes

from strikes.errors import ImportFormatError

XLSX_MAGIC = b"PK\x03\x04"
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")


def read_source(source: Path | bytes, filename: str | None) -> tuple[bytes, str]:
    """The bytes of `source` and the name to show in messages."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or "upload"
    path = Path(source)
    try:
        return path.read_bytes(), filename or str(path)
    except OSError as err:
        raise ImportFormatError(f"{path}: cannot read the file: {err.strerror or err}") from err


def decode(data: bytes, name: str, encoding: str = "") -> tuple[str, str]:
    """The text of `data` and the encoding used (see the module docstring for the order tried).

    Examples
    --------
    >>> decode("дата".encode("cp1251"), "t.csv")
    ('дата', 'cp1251')
    >>> decode(b"\\xef\\xbb\\xbfdate", "t.csv")
    ('date', 'utf-8-sig')
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as err:
            raise ImportFormatError(f"{name}: cannot decode the file as {encoding}: {err}") from err
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
        if _CYRILLIC.search(text):
            if not _latin_in_disguise(text):
                return text, "cp1251"
            # A Western Excel's "CSV" save (cp1252): "café" read as cp1251 would be "cafй".
            return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ImportFormatError(f"{name}: cannot tell the text encoding; expected UTF-8, UTF-16 or cp1251")
    return str(best), best.encoding


_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")


def _latin_in_disguise(text: str) -> bool:
    """True when the Cyrillic letters of a cp1251 reading sit inside Latin words ("cafй", "Sociйtй"): the bytes
    were cp1252 accented letters. Real Cyrillic text has whole Cyrillic words, rarely mixed with Latin ones.

    Examples
    --------
    >>> _latin_in_disguise("Société Générale café".encode("cp1252").decode("cp1251"))
    True
    >>> _latin_in_disguise("Харків, ТЕЦ-5, Kharkiv")
    False
    """
    cyrillic_words = [word for word in _WORD.findall(text) if _CYRILLIC.search(word)]
    mixed = sum(1 for word in cyrillic_words if _LATIN.search(word))
    return bool(cyrillic_words) and mixed * 2 > len(cyrillic_words)


def _delimiter(text: str) -> str:
    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(",;\t|", key=first.count) if first else ","


def read_csv_text(text: str, name: str) -> pd.DataFrame:
    """A CSV text as a frame of strings (empty cells ""), delimiter sniffed among , ; tab |."""
    if not text.strip():
        raise ImportFormatError(f"{name}: expected a header row, got an empty file")
    first_line, _, rest = text.partition("\n")
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's "sep=;" hint line: it names the delimiter and is not the header.
        delimiter, text = first_line.strip()[4], rest
    else:
        delimiter = _delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, na_filter=False,
            # Blank lines stay (and are skipped by the importers) so row numbers match the spreadsheet's.
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, ValueError) as err:
        raise ImportFormatError(f"{name}: cannot read as CSV: {err}") from err
    return _clean_header(frame, name)


def read_xlsx(
    data: bytes,
    name: str,
    is_header: Callable[[list[str]], bool] | None = None,
    score: Callable[[list[str]], int] | None = None,
) -> tuple[pd.DataFrame, int]:
    """The data sheet of an XLSX workbook as a frame of strings (dates as YYYY-MM-DD), and its header row index.

    The data sheet is the first (non-empty) sheet with a row `is_header` accepts, else the first sheet; when it
    is not the first, its title is in ``frame.attrs["sheet"]``.

    Analysts' sheets often start with a title and a blank row: the header is among the first ten rows that
    `is_header` accepts (else the first row) — the one `score` rates highest, the first on a tie — so a group
    row above the real header ("Location" merged over "Settlement" and "Oblast") does not win just by coming
    first. A two-row header (a merged group row, then a row of sub-headers with blanks under the vertically
    merged cells) is read as one: when the row under the header has a cell `score` recognises and nothing that
    reads as data (a number or a date), its cells name their columns and the blanks keep the names above. The
    index returned is that of the last header row, 0-based (row 1 in the spreadsheet is 0).
    """
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=object, engine="openpyxl", header=None)
    except (ValueError, OSError, KeyError) as err:
        raise ImportFormatError(f"{name}: cannot read as an XLSX workbook: {err}") from err
    filled_sheets = [(str(title), raw) for title, raw in sheets.items() if not raw.empty]
    if not filled_sheets:
        raise ImportFormatError(f"{name}: expected a header row, got an empty sheet")
    # The first sheet with a header: analysts often put a cover or summary sheet before the data.
    chosen: tuple[str, pd.DataFrame, list[list[str]], list[int]] | None = None
    for title, raw in filled_sheets:
        cells = raw.map(_excel_cell)
        rows = [[str(cell) for cell in cells.iloc[index].tolist()] for index in range(min(11, len(cells)))]
        candidates = [
            index for index in range(min(10, len(rows)))
            if is_header is not None and is_header([cell for cell in rows[index] if cell])
        ]
        if chosen is None or (candidates and not chosen[3]):
            chosen = (title, cells, rows, candidates)
        if candidates or is_header is None:
            break
    assert chosen is not None  # filled_sheets is not empty
    title, cells, rows, candidates = chosen
    header_row = 0
    if candidates and is_header is not None:
        rate = score or (lambda row: int(is_header(row)))
        header_row = max(candidates, key=lambda index: (rate([cell for cell in rows[index] if cell]), -index))
    names = rows[header_row]
    if is_header is not None and score is not None and header_row + 1 < len(rows):
        below = rows[header_row + 1]
        filled = [cell for cell in below if cell]
        if filled and score(filled) >= 1 and not any(_DATA_LIKE.match(cell) for cell in filled):
            names = [under or above for above, under in zip(names, below, strict=True)]
            header_row += 1
    names = [cell or f"column {number + 1}" for number, cell in enumerate(names)]
    frame = cells.iloc[header_row + 1:].reset_index(drop=True)
    frame.columns = _unique(names)
    frame = _clean_header(frame, name)
    if title != filled_sheets[0][0]:
        frame.attrs["sheet"] = title  # shown in the import message: the rows are that sheet's
    return frame, header_row


# A cell that is data, not a sub-header: a number, or a date as `_excel_cell` writes it.
_DATA_LIKE = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$|^\d{4}-\d{2}-\d{2}")


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}.{seen[name] - 1}")
    return unique


def _excel_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp):
        # A date cell: written the strict way so our parser needs no guess.
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_json_records(document: object, name: str) -> pd.DataFrame:
    """A JSON array of objects as a frame of strings (nested values kept as compact JSON)."""
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise ImportFormatError(f"{name}: expected a JSON array of objects (one per row), got {str(document)[:80]!r}")

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    columns: list[str] = []
    for item in document:
        for key in item:
            if key not in columns:
                columns.append(key)
    frame = pd.DataFrame([[cell(item.get(key)) for key in columns] for item in document], columns=columns,
                         dtype=object)
    return _clean_header(frame, name)


def _clean_header(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    names = [str(column).replace("\ufeff", "").strip() for column in frame.columns]
    if not names or all(not column or column.startswith("Unnamed:") for column in names):
        raise ImportFormatError(f"{name}: expected a header row naming the columns, got {names[:5]!r}")
    frame.columns = names
    return frame.fillna("").astype(str)


def header_key(column: str) -> str:
    """A column name compared loosely: lower case, spaces, underscores and dashes as one space, and every
    apostrophe as ' (Ukrainian writes "Об’єкт" with ’ or ʼ as often as with ').

    Examples
    --------
    >>> header_key(" Event_Date "), header_key("brief  description"), header_key("town/city")
    ('event date', 'brief description', 'town/city')
    >>> header_key("Об’єкт") == header_key("Обʼєкт") == header_key("об'єкт")
    True
    """
    return re.sub(r"[\s_\-]+", " ", column.strip().lower().translate(_APOSTROPHES)).strip()


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "′": "'"})
