"""Compile gettext catalogues (``.po``) into ``.mo`` files, in pure Python.

The ``.mo`` files are build products, not committed: ``setup.py``'s build
and the translation tests call :func:`compile_catalogs`, so neither needs
GNU gettext. Only the standard library is used; the build loads this file
by path, without importing Django.

Supports what catalogues written for Django use: multi-line strings, C
escapes, ``msgctxt``, plural forms; fuzzy entries are left out, as
``msgfmt`` does by default.
"""

import ast
import struct
from pathlib import Path

MO_MAGIC = 0x950412DE
HEADER_SIZE = 7 * 4
CONTEXT_SEPARATOR = "\x04"
PLURAL_SEPARATOR = "\x00"


def parse_po(text):
    """``{msgid: msgstr}`` for the translated, non-fuzzy entries of ``text``.

    Contexts and plurals are encoded as in ``.mo`` files: ``ctxt\\x04id``
    and NUL-joined forms.
    """
    messages = {}
    for block in text.split("\n\n"):
        entry = _parse_entry(block)
        if entry is None:
            continue
        key, value = entry
        messages[key] = value
    return messages


def _parse_entry(block):
    fields = {}
    current = None
    fuzzy = False
    for raw_line in block.splitlines():
        line = raw_line.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            fields[current] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        current = keyword
        fields[current] = _unquote(rest)
    if "msgid" not in fields:
        return None
    # The header (msgid "") stays even when marked fuzzy: it carries the charset.
    if fuzzy and fields["msgid"]:
        return None
    key = fields["msgid"]
    if "msgid_plural" in fields:
        key += PLURAL_SEPARATOR + fields["msgid_plural"]
        forms = [name for name in fields if name.startswith("msgstr[")]
        forms.sort(key=lambda name: int(name[len("msgstr[") : -1]))
        value = PLURAL_SEPARATOR.join(fields[name] for name in forms)
    else:
        value = fields.get("msgstr", "")
    if "msgctxt" in fields:
        key = fields["msgctxt"] + CONTEXT_SEPARATOR + key
    if not value.strip(PLURAL_SEPARATOR):
        return None  # untranslated: gettext falls back to the msgid
    return key, value


def _unquote(token):
    token = token.strip()
    if not (len(token) >= 2 and token[0] == token[-1] == '"'):
        raise ValueError(f"not a quoted PO string: {token!r}")
    return ast.literal_eval(token)


def build_mo(messages):
    """The bytes of a ``.mo`` file holding ``messages`` (GNU format, no hash)."""
    keys = sorted(messages)
    originals = [key.encode("utf-8") for key in keys]
    translations = [messages[key].encode("utf-8") for key in keys]
    count = len(keys)
    originals_table = HEADER_SIZE
    translations_table = originals_table + 8 * count
    data_start = translations_table + 8 * count

    tables = {"original": [], "translation": []}
    data = bytearray()
    for name, strings in (("original", originals), ("translation", translations)):
        for string in strings:
            tables[name].append((len(string), data_start + len(data)))
            data += string + b"\x00"

    header = struct.pack(
        "<7I", MO_MAGIC, 0, count, originals_table, translations_table, 0, 0
    )
    index = b"".join(
        struct.pack("<2I", length, offset)
        for name in ("original", "translation")
        for length, offset in tables[name]
    )
    return header + index + bytes(data)


def compile_catalogs(locale_dir):
    """Write a ``.mo`` beside every ``.po`` under ``locale_dir``; answer their paths."""
    written = []
    for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
        messages = parse_po(po_path.read_text(encoding="utf-8"))
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(build_mo(messages))
        written.append(mo_path)
    return written
