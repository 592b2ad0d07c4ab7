"""HTML minutes -> text lines that keep the structure the minutes reader needs.

Block elements become line breaks, list items get a "- " bullet (or their
number in an <ol>), and a table row whose cells are each one line becomes
one line with the cells joined by CELL_SEP, empty cells included, so that
the same column reader serves Word/Excel/Feishu tables and plain-text ones.
Rows with a cell of many lines (layout tables that wrap a whole mail) are
flattened line by line instead.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

CELL_SEP = " | "
CELL_LINES_MAX = 3  # a data cell may wrap ("提交方案<br>（含预算）"); more is a layout table
LIST_INDENT = "  "  # per nesting level, so a nested list reads as sub-points

_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "dl",
        "dt",
        "dd",
        "center",
        "address",
    }
)
_SKIP = frozenset({"style", "script", "head", "title", "xml", "template"})
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Cell:
    def __init__(self) -> None:
        self.lines: list[str] = []


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.pre = 0
        self.lists: list[list] = []  # [tag, counter]
        self.tables: list[_Table] = []
        self.cells: list[_Cell] = []
        self.indent = 0  # nesting depth of the list item being written
        self.bullet = ""  # its marker, waiting for the item's first text

    # -- sinks ------------------------------------------------------------
    def _sink(self) -> list[str]:
        return self.cells[-1].lines if self.cells else self.out

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        text = text.strip() if self.pre else _SPACE.sub(" ", text).strip()
        if text:
            self._sink().append(LIST_INDENT * self.indent + self.bullet + text)
            self.indent, self.bullet = 0, ""

    # -- parser callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK or tag in ("li", "table", "tr", "td", "th"):
            self.flush()
        if tag == "pre":
            self.pre += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            # kept until the item's first text: "<li><p>text</p></li>" still reads "- text"
            self.indent = max(0, len(self.lists) - 1)
            if self.lists:
                self.lists[-1][1] += 1
                kind, n = self.lists[-1]
                self.bullet = f"{n}. " if kind == "ol" else "- "
            else:
                self.bullet = "- "
        elif tag == "table":
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1].rows:
                self.tables[-1].rows.append([])
            cell = _Cell()
            self.tables[-1].rows[-1].append(cell)
            self.cells.append(cell)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK or tag in ("li", "tr"):
            self.flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.cells:
            self.flush()
            self.cells.pop()
        elif tag == "table" and self.tables:
            self.flush()
            self._emit(self.tables.pop())

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre and "\n" in data:
            parts = data.split("\n")
            for part in parts[:-1]:
                self.buf.append(part)
                self.flush()
            self.buf.append(parts[-1])
        else:
            self.buf.append(data)

    def _emit(self, table: _Table) -> None:
        sink = self._sink()
        for row in table.rows:
            if len(row) >= 2 and all(len(c.lines) <= CELL_LINES_MAX for c in row):
                sink.append(CELL_SEP.join(" ".join(c.lines) for c in row))
            else:
                for cell in row:
                    sink.extend(cell.lines)
        sink.append("")  # a blank line ends the table for the column reader

    def close(self) -> None:
        super().close()
        self.flush()
        while self.tables:
            self._emit(self.tables.pop())


def html_lines(html: str) -> list[str]:
    """Lines of an HTML body, lists bulleted, table rows as CELL_SEP-joined cells."""
    renderer = _Renderer()
    try:
        renderer.feed(html)
        renderer.close()
    except Exception:  # html.parser is lenient; a pathological input keeps what was read
        renderer.flush()
    return renderer.out
