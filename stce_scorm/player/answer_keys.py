"""Answer keys sealed for the page: salted hashes to grade with, and an obfuscated copy to reveal.

The player (runtime/keys.js) grades a response by hashing its normal form with the question's salt
and looking the digest up in `keys`; the page holds no answer in plain text. The answer itself is
needed after submitting (to show it, and for the LMS's correct_responses): it travels in `reveal`,
XOR-ed with a SHA-256 stream of the salt. That is obfuscation, not secrecy: the code to undo it is in
the page. It stops answers being read from the page source or found by searching it; a determined
learner can still attack any test that grades in the browser. The LMS records are what count.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata

DIGEST_CHARS = 32  # 128 bits of SHA-256, as hex
PLAIN_KEYS = ("correct", "accepted", "min", "max", "orders")


def salt(module_id: str, version: str, question_id: str) -> str:
    """Per question, from stable ids only: the same sources give the same bytes."""
    return hashlib.sha256(f"{module_id}|{version}|{question_id}".encode()).hexdigest()[:16]


def normalise(text: str, case_sensitive: bool) -> str:
    """As keys.js normalise(): NFC, trimmed, inner spaces as one, lower case unless it matters."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip())
    return text if case_sensitive else text.lower()


def number_text(value: float) -> str:
    """A number as JavaScript's String(n) writes it, for the values authors use."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e21 else repr(float(value))


def digest(question_salt: str, text: str) -> str:
    return hashlib.sha256(f"{question_salt}:{text}".encode()).hexdigest()[:DIGEST_CHARS]


def _stream(question_salt: str, length: int) -> bytes:
    blocks = (hashlib.sha256(f"{question_salt}:reveal:{n}".encode()).digest() for n in range(length // 32 + 1))
    return b"".join(blocks)[:length]


def obfuscate(question_salt: str, data: dict) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, _stream(question_salt, len(raw))))).decode()


def reveal(question_salt: str, blob: str) -> dict:
    """The inverse of obfuscate (tests and tools use it; the player has its own in keys.js)."""
    raw = base64.b64decode(blob)
    return json.loads(bytes(a ^ b for a, b in zip(raw, _stream(question_salt, len(raw)))).decode())


def canonical_answers(data: dict) -> list[str]:
    """The normal forms of every right response of a question (player data with plain keys)."""
    kind = data["type"]
    if kind == "single_choice":
        return [data["choices"][i] for i in data["correct"]]
    if kind == "true_false":
        return ["true" if data["correct"] else "false"]
    if kind == "fill_in":
        return sorted({normalise(a, data["caseSensitive"]) for a in data["accepted"]})
    if kind == "numeric":
        return [number_text(data["min"])] if data["min"] == data["max"] else []
    if kind == "matching":
        return [",".join(f"{p}={p}" for p in data["pairs"])]
    if kind == "sequencing":  # the items' own order, then any other accepted order
        return [",".join(data["items"])] + [",".join(data["items"][i] for i in o) for o in data.get("orders", [])]
    if kind == "document_inspection":
        return [",".join(sorted(data["entries"][i] for i in data["correct"]))]
    return [",".join(sorted(data["choices"][i] for i in data["correct"]))]  # multiple_response and alike


def seal(data: dict, question_salt: str) -> dict:
    """Question data with its plain keys replaced by `salt`, `keys` and (where needed) `reveal`."""
    sealed = {k: v for k, v in data.items() if k not in PLAIN_KEYS}
    plain = {k: data[k] for k in PLAIN_KEYS if k in data}
    sealed["salt"] = question_salt
    sealed["keys"] = [digest(question_salt, text) for text in canonical_answers(data)]
    if data["type"] == "numeric" and data["min"] != data["max"]:
        sealed["range"] = True
    if plain:
        sealed["reveal"] = obfuscate(question_salt, plain)
    return sealed
