"""What an uploaded paper really is, judged by its content, and the text inside it.

Accepted: PDF, the Office Open XML formats (DOCX, XLSX, PPTX), OpenDocument text (ODT) and
plain UTF-8 text. A name or a browser's Content-Type proves nothing, so ``identify`` looks at
the content, in the upload request: so it only sniffs, in time and memory bounded by the file's
size. A PDF must start and end as a PDF does; an office file's zip directory must name the
parts of its format and declare sizes no document has. Nothing is parsed or unpacked there: a
file of a few kilobytes can take a parser minutes and gigabytes.

``extract_text`` reads the words out for the search index. It runs only in a child process
with CPU and memory limits (``papers.extraction``, run by the background task in
``papers.tasks``), and may fail (a scanned PDF, an odd generator, a file made to exhaust a
parser) without the paper failing.
"""

import io
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

# Stored text is capped: enough to find a paper by the words in it, small enough to index.
# Reading stops once this much is read.
MAX_TEXT_CHARACTERS = 200_000
# A zip whose parts would unpack to more than this is refused (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A zip directory of more parts than this is refused before it is read: a document has tens
# or hundreds, and reading the directory of hundreds of thousands takes seconds and 100s of MB.
MAX_ZIP_PARTS = 10_000
# How each part begins in a zip's central directory (the zip format's own signature).
ZIP_DIRECTORY_ENTRY = b"PK\x01\x02"
# A PDF ends with this marker, within its last 1024 bytes (ISO 32000-1, 7.5.5).
PDF_END = b"%%EOF"


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


TYPES = {
    t.extension: t
    for t in (
        FileType("pdf", "application/pdf", "PDF"),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word document (DOCX)",
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel spreadsheet (XLSX)",
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint presentation (PPTX)",
        ),
        FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)"),
        FileType("txt", "text/plain; charset=utf-8", "Plain text"),
    )
}
ACCEPTED = (
    "PDF, Word (DOCX), OpenDocument text (ODT), Excel (XLSX), PowerPoint (PPTX) or plain text"
)
# The part that marks each office format inside its zip.
OFFICE_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class FileProblem(ValueError):
    """Why a file cannot be accepted, or its words not read, in words for the person
    uploading it."""


class TooLarge(FileProblem):
    """Reading the file's words needs more than a parser's own limits allow."""


DAMAGED = "The file is damaged and cannot be opened. Save it again and upload that."
# Byte-order marks of UTF-16 text (as Windows Notepad saves "Unicode").
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# At most this much of an office file's XML is read for its words.
MAX_XML_BYTES = 20 * 1024 * 1024


def _read_all(fileobj) -> bytes:
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    return data


def identify(fileobj) -> FileType:
    """The type of the file, from a sniff of its content; FileProblem if it is none of the
    accepted ones or plainly damaged."""
    data = _read_all(fileobj)
    if not data.strip():
        raise FileProblem("The file is empty. Choose the file again.")
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return TYPES["pdf"]
    if data.startswith(b"PK\x03\x04"):
        return TYPES[_office_type(data)]
    if data.startswith(UTF16_BOMS):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            return TYPES["txt"]
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise FileProblem(
                "The file looks like plain text, but not in UTF-8. Save it as UTF-8 text "
                "(or as a PDF) and upload that."
            ) from None
        return TYPES["txt"]
    raise FileProblem(f"The file must be a {ACCEPTED} file. This file is none of those.")


def _check_pdf(data: bytes) -> None:
    # A file cut short (an interrupted download or save) lacks its end. Whatever else is
    # wrong with a PDF only a parser finds, in the background.
    if PDF_END not in data[-1024:]:
        raise FileProblem("The PDF is damaged and cannot be opened. Save it again and upload that.")


def _office_type(data: bytes) -> str:
    """The office format of a zip, from its directory alone: the names and declared sizes of
    its parts (and the few bytes of an OpenDocument's ``mimetype`` part)."""
    if data.count(ZIP_DIRECTORY_ENTRY) > MAX_ZIP_PARTS:
        raise FileProblem("The file holds far more parts than a document has: it is refused.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise FileProblem("The file unpacks to far more than its size: it is refused.")
            names = {part.filename for part in parts}
            if (
                "mimetype" in names
                and "content.xml" in names
                and _mimetype(archive) == ODT_MIMETYPE
            ):
                return "odt"
            if "[Content_Types].xml" in names:
                for part, extension in OFFICE_PARTS.items():
                    if part in names:
                        return extension
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - encrypted, unknown compression, bad deflate...
        raise FileProblem(DAMAGED) from error
    raise FileProblem(
        f"The file is a zip archive, not a {ACCEPTED} document. Upload the document itself."
    )


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    # Read no more than the longest name it could be: the part is a few bytes, stored, first.
    with archive.open("mimetype") as part:
        return part.read(len(ODT_MIMETYPE) + 2).strip()


# -- text: only ever run in papers.extraction's child process ------------------------------


def extract_text(data: bytes, extension: str) -> str:
    """The words in a file of type ``extension``, whitespace-normalised, read until
    MAX_TEXT_CHARACTERS. Raises on failure: FileProblem (TooLarge past pypdf's own limits)
    or whatever the parser raises."""
    if extension == "pdf":
        text = _pdf_text(data)
    elif extension == "txt":
        text = data.decode("utf-16" if data.startswith(UTF16_BOMS) else "utf-8")
    else:
        text = _office_text(data, extension)
    # PostgreSQL's text cannot hold NUL.
    return " ".join(text.replace("\x00", " ").split())[:MAX_TEXT_CHARACTERS]


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FileProblem("The PDF is password-protected, so its words cannot be read.")
        pieces, length = [], 0
        for page in reader.pages:
            words = page.extract_text() or ""
            pieces.append(words)
            length += len(words)
            if length >= MAX_TEXT_CHARACTERS:
                break
    except LimitReachedError as limit:
        raise TooLarge(f"The PDF is too large to read its words ({limit})") from limit
    return "\n".join(pieces)


def _office_text(data: bytes, extension: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # Every part unpacks whole and matches its checksum, not only those read for words.
        if archive.testzip() is not None:
            raise FileProblem(DAMAGED)
        names = archive.namelist()
        if extension == "docx":
            parts = ["word/document.xml"]
        elif extension == "odt":
            parts = ["content.xml"]
        elif extension == "xlsx":
            parts = [name for name in ["xl/sharedStrings.xml"] if name in names]
        else:  # pptx: every slide, in order
            parts = sorted(
                (n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
                key=lambda n: int("".join(c for c in n if c.isdigit()) or 0),
            )
        pieces, length = [], 0
        for part in parts:
            with archive.open(part) as stream:
                text = _xml_text(stream, MAX_TEXT_CHARACTERS - length)
            pieces.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARACTERS:
                break
        return "\n".join(pieces)


class _Capped(io.RawIOBase):
    """A stream that ends after ``limit`` bytes: a huge XML part is read only so far."""

    def __init__(self, stream, limit: int):
        self.stream, self.left = stream, limit

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.left <= 0:
            return 0
        chunk = self.stream.read(min(len(buffer), self.left))
        buffer[: len(chunk)] = chunk
        self.left -= len(chunk)
        return len(chunk)


def _xml_text(stream, budget: int) -> str:
    """Every text node, streamed (elements are dropped once read), until ``budget``
    characters; a paragraph-like element ends with a break."""
    pieces, length = [], 0
    try:
        for _event, element in ElementTree.iterparse(_Capped(stream, MAX_XML_BYTES)):
            for text in (element.text, element.tail):
                if text:
                    pieces.append(text)
                    length += len(text)
            if element.tag.rsplit("}", 1)[-1] in {"p", "h", "si", "tab", "br"}:
                pieces.append("\n")
            element.clear()
            if length >= budget:
                break
    except ElementTree.ParseError:
        if not pieces:
            raise
        # Cut off at MAX_XML_BYTES, or broken late in the part: keep what was read.
    return " ".join(pieces)
