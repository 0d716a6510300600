"""What an uploaded paper really is, judged by its content, and the text inside it.

Accepted: PDF, the Office Open XML formats (DOCX, XLSX, PPTX), OpenDocument text (ODT) and
plain UTF-8 text. A name or a browser's Content-Type proves nothing, so ``identify`` opens the
file: a PDF must open in pypdf, an office file must be a sound zip holding the parts of its
format. ``extract_text`` reads the words out for the search index; it may fail (a scanned
PDF, an odd generator) without the upload failing.
"""

import io
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# Stored text is capped: enough to find a paper by the words in it, small enough to index.
MAX_TEXT_CHARACTERS = 200_000
# A zip whose parts would unpack to more than this is refused (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


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
    """Why a file cannot be accepted, in words for the person uploading it."""


def _read_all(fileobj) -> bytes:
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    return data


def identify(fileobj) -> FileType:
    data = _read_all(fileobj)
    if not data.strip():
        raise FileProblem("The file is empty. Choose the file again.")
    if data.startswith(b"%PDF-"):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise FileProblem(
                    "The PDF is password-protected. Upload a copy without a password."
                )
            if len(reader.pages) == 0:
                raise FileProblem("The PDF has no pages.")
        except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
            if isinstance(error, FileProblem):
                raise
            raise FileProblem(
                "The PDF is damaged and cannot be opened. Save it again and upload that."
            ) from error
        return TYPES["pdf"]
    if data.startswith(b"PK\x03\x04"):
        return TYPES[_office_type(data)]
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return TYPES["txt"]
    raise FileProblem(f"The file must be a {ACCEPTED} file. This file is none of those.")


def _office_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileProblem("The file unpacks to far more than its size: it is refused.")
            if archive.testzip() is not None:
                raise zipfile.BadZipFile
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.read("mimetype").strip() == ODT_MIMETYPE
                and "content.xml" in names
            ):
                return "odt"
            if "[Content_Types].xml" in names:
                for part, extension in OFFICE_PARTS.items():
                    if part in names:
                        return extension
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise FileProblem(
            "The file is damaged and cannot be opened. Save it again and upload that."
        ) from error
    raise FileProblem(
        f"The file is a zip archive, not a {ACCEPTED} document. Upload the document itself."
    )


# -- text ---------------------------------------------------------------------------------


def extract_text(fileobj, file_type: FileType) -> str:
    """The words in the file, whitespace-normalised and capped. Raises on failure."""
    data = _read_all(fileobj)
    if file_type.extension == "pdf":
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    elif file_type.extension == "txt":
        text = data.decode("utf-8")
    else:
        text = _office_text(data, file_type.extension)
    return " ".join(text.split())[:MAX_TEXT_CHARACTERS]


def _office_text(data: bytes, extension: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if extension == "docx":
            parts = ["word/document.xml"]
        elif extension == "odt":
            parts = ["content.xml"]
        elif extension == "xlsx":
            parts = [name for name in ["xl/sharedStrings.xml"] if name in archive.namelist()]
        else:  # pptx: every slide, in order
            parts = sorted(
                (n for n in archive.namelist() if n.startswith("ppt/slides/slide")),
                key=lambda n: int("".join(c for c in n if c.isdigit()) or 0),
            )
        return "\n".join(_xml_text(archive.read(part)) for part in parts)


def _xml_text(xml: bytes) -> str:
    """Every text node, with a break after each paragraph-like element."""
    root = ElementTree.fromstring(xml)
    pieces = []
    for element in root.iter():
        if element.text:
            pieces.append(element.text)
        if element.tag.rsplit("}", 1)[-1] in {"p", "h", "si", "tab", "br"}:
            pieces.append("\n")
        if element.tail:
            pieces.append(element.tail)
    return " ".join(pieces)
