r"""The validation rules Moodle's SCORM player applies to LMSSetValue / SetValue, as Python `re` patterns.

Sources (read from moodle/moodle, commit 139f32c2183864dd77b232f45be69bc29161fb4e, via the code index):
  * mod/scorm/datamodels/scorm_12.js  -- SCORM 1.2 API (SCORMapi1_2): data types, vocabularies, ranges.
  * mod/scorm/datamodels/scorm_13.js  -- SCORM 2004 API (SCORMapi1_3): same, plus per-interaction-type
    learner_response / correct_responses formats.
  * mod/scorm/datamodels/scorm_12.php -- CMIString256/CMIString4096 (passed to scorm_12.js as
    cmistring256/cmistring4096): 255/4096 characters with the site setting "scorm12standard" on,
    64000 for both with it off (Moodle's default).

How the patterns were transcribed: Moodle writes them as single-quoted JavaScript *strings* fed to
`new RegExp(...)`. JavaScript string unescaping happens first, so `'\\d'` becomes the regex `\d`, but `'\.'`
becomes a plain `.` (any character) and `'\-'`, `'\{'` become `-`, `{`. The constants below are the regexes
Moodle really runs (after that unescaping), written as JavaScript regex source; `js_regex()` compiles them
with JavaScript semantics (ASCII `\d \w`, `$` = end of input, `.` excluding line terminators, strings
compared as UTF-16 code units, i.e. lengths count an emoji as 2). Where the unescaping loosened Moodle's
evident intent (e.g. 1.2 CMITimespan `(.[0-9]{1,2})?` instead of `(\.[0-9]{1,2})?`) the comment says so;
the loose form is what Moodle accepts.

Moodle checks (scorm_12.js LMSSetValue): `value.match(format) != null`, then for elements with a range
`value*1.0` within the range (error 405 if not).
Moodle checks (scorm_13.js SetValue): the match must be non-empty unless the value is empty
(`matches.join('').length > 0 || value.length == 0`), else 406; then ranges (407); learner_response is
split on the type's delimiter and each node matched against the type's format (406), too many nodes 351.
"""

from __future__ import annotations

import re
import struct
from functools import cache

# ---------------------------------------------------------------------------------------------- SCORM 1.2
# mod/scorm/datamodels/scorm_12.php (standard mode on: 255 / 4096; off, the default: 64000 for both)
V12_CMIString256 = r"^[\u0000-\uFFFF]{0,255}$"
V12_CMIString4096 = r"^[\u0000-\uFFFF]{0,4096}$"
V12_CMIString_NONSTANDARD = r"^[\u0000-\uFFFF]{0,64000}$"
# mod/scorm/datamodels/scorm_12.js: CMITime = '^([0-2]{1}[0-9]{1}):([0-5]{1}[0-9]{1}):([0-5]{1}[0-9]{1})(\.[0-9]{1,2})?$'
# ('\.' in a JS string is '.', so any character may stand before the hundredths)
V12_CMITime = r"^([0-2]{1}[0-9]{1}):([0-5]{1}[0-9]{1}):([0-5]{1}[0-9]{1})(.[0-9]{1,2})?$"
# scorm_12.js: CMITimespan = '^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$'  (same '\.' note)
V12_CMITimespan = r"^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(.[0-9]{1,2})?$"
# scorm_12.js: CMIInteger = '^\\d+$'; CMISInteger = '^-?([0-9]+)$'
V12_CMIInteger = r"^\d+$"
V12_CMISInteger = r"^-?([0-9]+)$"
# scorm_12.js: CMIDecimal = '^-?([0-9]{0,3})(\.[0-9]*)?$'  (same '\.' note: '1e5' matches; the range check
# then rejects it)
V12_CMIDecimal = r"^-?([0-9]{0,3})(.[0-9]*)?$"
# scorm_12.js: CMIIdentifier = '^[\\u0021-\\u007E]{0,255}$'  (printable ASCII, no space)
V12_CMIIdentifier = r"^[\u0021-\u007E]{0,255}$"
# scorm_12.js vocabularies
V12_CMIStatus = r"^passed$|^completed$|^failed$|^incomplete$|^browsed$"          # cmi.core.lesson_status
V12_CMIStatus2 = r"^passed$|^completed$|^failed$|^incomplete$|^browsed$|^not attempted$"  # objectives.n.status
V12_CMIExit = r"^time-out$|^suspend$|^logout$|^$"
V12_CMIType = r"^true-false$|^choice$|^fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$"
# scorm_12.js: CMIResult = '^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(\.[0-9]*)?$'
V12_CMIResult = r"^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(.[0-9]*)?$"
# scorm_12.js data ranges ('min#max')
V12_SCORE_RANGE = (0.0, 100.0)        # score_range = '0#100' (score.raw/min/max, objectives too)
V12_WEIGHTING_RANGE = (-100.0, 100.0)  # weighting_range = '-100#100'

# --------------------------------------------------------------------------------------------- SCORM 2004
# mod/scorm/datamodels/scorm_13.js
V2004_CMIString250 = r"^[\u0000-\uFFFF]{0,250}$"
V2004_CMIString1000 = r"^[\u0000-\uFFFF]{0,1000}$"      # cmi.location
V2004_CMIString4000 = r"^[\u0000-\uFFFF]{0,4000}$"
V2004_CMIString64000 = r"^[\u0000-\uFFFF]{0,64000}$"    # cmi.suspend_data
# scorm_13.js: CMILangString250 = '^(\{lang=([a-zA-Z]{2,3}|i|x)(\-[a-zA-Z0-9\-]{2,8})?\})?([^\{].{0,250}$)?'
# (not anchored at the end: a longer or multi-line value matches only the empty string, which SetValue
# then rejects because the match is empty)
V2004_CMILangString250 = r"^({lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?})?([^{].{0,250}$)?"
V2004_CMILangString4000 = r"^({lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?})?([^{].{0,4000}$)?"
# scorm_13.js: CMITime (timestamps): years 1970-2038, at most 2 decimals; a zone only after a fraction
V2004_CMITime = (
    r"^(19[7-9]{1}[0-9]{1}|20[0-2]{1}[0-9]{1}|203[0-8]{1})((-(0[1-9]{1}|1[0-2]{1}))((-(0[1-9]{1}|[1-2]{1}[0-9]{1}"
    r"|3[0-1]{1}))(T([0-1]{1}[0-9]{1}|2[0-3]{1})((:[0-5]{1}[0-9]{1})((:[0-5]{1}[0-9]{1})((\.[0-9]{1,2})((Z|"
    r"([+|-]([0-1]{1}[0-9]{1}|2[0-3]{1})))(:[0-5]{1}[0-9]{1})?)?)?)?)?)?)?)?$"
)
# scorm_13.js: CMITimespan = '^P(\\d+Y)?(\\d+M)?(\\d+D)?(T(((\\d+H)(\\d+M)?(\\d+(\.\\d{1,2})?S)?)|((\\d+M)(\\d+(\.\\d{1,2})?S)?)|((\\d+(\.\\d{1,2})?S))))?$'
# (durations: no weeks, fractions only on seconds, at most 2 decimals; '\.' is '.' as above)
V2004_CMITimespan = (
    r"^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(.\d{1,2})?S)?)|((\d+M)(\d+(.\d{1,2})?S)?)|((\d+(.\d{1,2})?S))))?$"
)
V2004_CMIInteger = r"^\d+$"
V2004_CMISInteger = r"^-?([0-9]+)$"
# scorm_13.js: CMIDecimal = '^-?([0-9]{1,5})(\\.[0-9]{1,18})?$'  (at most 5 integer digits, no exponent)
V2004_CMIDecimal = r"^-?([0-9]{1,5})(\.[0-9]{1,18})?$"
V2004_CMIIdentifier = r"^\S{1,250}[a-zA-Z0-9]$"
# scorm_13.js: CMIShortIdentifier = '^[\\w\.]{1,250}$'  (letters, digits, '_' and '.': no '-', no space)
V2004_CMIShortIdentifier = r"^[\w.]{1,250}$"
# scorm_13.js: CMILongIdentifier = '^(?:(?!urn:)\\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\\S{1,4000})$'
V2004_CMILongIdentifier = r"^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$"
# scorm_13.js: CMIFeedback = '^.*$'  (no line terminators)
V2004_CMIFeedback = r"^.*$"
V2004_CMILang = r"^([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?$|^$"
# scorm_13.js vocabularies
V2004_CMICStatus = r"^completed$|^incomplete$|^not attempted$|^unknown$"   # completion_status
V2004_CMISStatus = r"^passed$|^failed$|^unknown$"                          # success_status
V2004_CMIExit = r"^time-out$|^suspend$|^logout$|^normal$|^$"
V2004_CMIType = (r"^true-false$|^choice$|^(long-)?fill-in$|^matching$|^performance$|^sequencing$|^likert$"
                 r"|^numeric$|^other$")
V2004_CMIResult = r"^correct$|^incorrect$|^unanticipated$|^neutral$|^-?([0-9]{1,4})(\.[0-9]{1,18})?$"
# scorm_13.js data ranges
V2004_SCALED_RANGE = (-1.0, 1.0)     # scaled_range = '-1#1' (score.scaled)
V2004_PROGRESS_RANGE = (0.0, 1.0)    # progress_range = '0#1' (progress_measure)

# scorm_13.js `learner_response`: per interaction type (format, format2, max nodes, delimiter, delimiter2,
# unique nodes)
V2004_LEARNER_RESPONSE = {
    "true-false": dict(format=r"^true$|^false$", max=1, delimiter="", unique=False),
    "choice": dict(format=V2004_CMIShortIdentifier, max=36, delimiter="[,]", unique=True),
    "fill-in": dict(format=V2004_CMILangString250, max=10, delimiter="[,]", unique=False),
    "long-fill-in": dict(format=V2004_CMILangString4000, max=1, delimiter="", unique=False),
    "matching": dict(format=V2004_CMIShortIdentifier, format2=V2004_CMIShortIdentifier, max=36,
                     delimiter="[,]", delimiter2="[.]", unique=False),
    "performance": dict(format="^$|" + V2004_CMIShortIdentifier,
                        format2=V2004_CMIDecimal + "|^$|" + V2004_CMIShortIdentifier, max=250,
                        delimiter="[,]", delimiter2="[.]", unique=False),
    "sequencing": dict(format=V2004_CMIShortIdentifier, max=36, delimiter="[,]", unique=False),
    "likert": dict(format=V2004_CMIShortIdentifier, max=1, delimiter="", unique=False),
    "numeric": dict(format=V2004_CMIDecimal, max=1, delimiter="", unique=False),
    "other": dict(format=V2004_CMIString4000, max=1, delimiter="", unique=False),
}


# --------------------------------------------------------------------------- JavaScript regex semantics
_JS_WHITESPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _translate(source: str) -> str:
    """JavaScript (non-unicode mode) regex source -> Python pattern with the same meaning."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            nxt = source[i + 1]
            if nxt == "s":
                out.append(_JS_WHITESPACE if in_class else f"[{_JS_WHITESPACE}]")
            elif nxt == "S" and not in_class:
                out.append(f"[^{_JS_WHITESPACE}]")
            else:
                out.append(source[i:i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char in "{}":
                char = "\\" + char
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if source[i + 1:i + 2] == "^":
                out.append("^")
                i += 1
        elif char == ".":
            out.append(r"[^\n\r\u2028\u2029]")
        elif char == "$":
            out.append(r"\Z")
        elif char == "{" and not re.match(r"\{\d+(,\d*)?\}", source[i:]):
            out.append(r"\{")        # a literal brace, as JavaScript's Annex B reads it
        elif char == "}" and not re.search(r"\{\d+(,\d*)?$", source[:i]):
            out.append(r"\}")
        else:
            out.append(char)
        i += 1
    return "".join(out)


@cache
def js_regex(source: str) -> re.Pattern[str]:
    """Compile a JavaScript regex source (as Moodle runs it) into a Python pattern with JS semantics."""
    return re.compile(_translate(source), re.ASCII)


def utf16(value: str) -> str:
    """The string as JavaScript sees it: one character per UTF-16 code unit (astral chars -> 2)."""
    data = value.encode("utf-16-le", "surrogatepass")
    return "".join(chr(unit) for unit in struct.unpack(f"<{len(data) // 2}H", data))


def js_match(source: str, value: str) -> str | None:
    """`value.match(new RegExp(source))` in JavaScript: the matched text, or None."""
    found = js_regex(source).search(utf16(value))
    return None if found is None else found.group(0)


# --------------------------------------------------------------------------------------- moodle_accepts
def _in_range(value: str, low: float, high: float | None) -> bool:
    # Moodle: value = value*1.0; (value >= ranges[0]) && (value <= ranges[1]).  '' * 1.0 is 0 in JS.
    try:
        number = float(value.strip()) if value.strip() else 0.0
    except ValueError:
        return False
    return number >= low and (high is None or number <= high)


_INDEX = re.compile(r"\.\d+\.")


def _model(element: str) -> str:
    """'cmi.interactions.3.id' -> 'cmi.interactions.n.id' (Moodle's CMIIndex replacement)."""
    while _INDEX.search(element):
        element = _INDEX.sub(".n.", element)
    return element


_V12_FORMATS = {
    "cmi.core.lesson_location": "CMIString256",
    "cmi.core.lesson_status": V12_CMIStatus,
    "cmi.core.score.raw": V12_CMIDecimal,
    "cmi.core.score.min": V12_CMIDecimal,
    "cmi.core.score.max": V12_CMIDecimal,
    "cmi.core.exit": V12_CMIExit,
    "cmi.core.session_time": V12_CMITimespan,
    "cmi.suspend_data": "CMIString4096",
    "cmi.comments": "CMIString4096",
    "cmi.objectives.n.id": V12_CMIIdentifier,
    "cmi.objectives.n.score.raw": V12_CMIDecimal,
    "cmi.objectives.n.score.min": V12_CMIDecimal,
    "cmi.objectives.n.score.max": V12_CMIDecimal,
    "cmi.objectives.n.status": V12_CMIStatus2,
    "cmi.interactions.n.id": V12_CMIIdentifier,
    "cmi.interactions.n.objectives.n.id": V12_CMIIdentifier,
    "cmi.interactions.n.time": V12_CMITime,
    "cmi.interactions.n.type": V12_CMIType,
    "cmi.interactions.n.correct_responses.n.pattern": "CMIString256",   # CMIFeedback = CMIString256
    "cmi.interactions.n.weighting": V12_CMIDecimal,
    "cmi.interactions.n.student_response": "CMIString256",             # CMIFeedback = CMIString256
    "cmi.interactions.n.result": V12_CMIResult,
    "cmi.interactions.n.latency": V12_CMITimespan,
}
_V12_RANGES = {
    "cmi.core.score.raw": V12_SCORE_RANGE, "cmi.core.score.min": V12_SCORE_RANGE,
    "cmi.core.score.max": V12_SCORE_RANGE, "cmi.objectives.n.score.raw": V12_SCORE_RANGE,
    "cmi.objectives.n.score.min": V12_SCORE_RANGE, "cmi.objectives.n.score.max": V12_SCORE_RANGE,
    "cmi.interactions.n.weighting": V12_WEIGHTING_RANGE,
}

_V2004_FORMATS = {
    "cmi.completion_status": V2004_CMICStatus,
    "cmi.success_status": V2004_CMISStatus,
    "cmi.exit": V2004_CMIExit,
    "cmi.location": V2004_CMIString1000,
    "cmi.suspend_data": V2004_CMIString64000,
    "cmi.session_time": V2004_CMITimespan,
    "cmi.progress_measure": V2004_CMIDecimal,
    "cmi.score.scaled": V2004_CMIDecimal,
    "cmi.score.raw": V2004_CMIDecimal,
    "cmi.score.min": V2004_CMIDecimal,
    "cmi.score.max": V2004_CMIDecimal,
    "cmi.objectives.n.id": V2004_CMILongIdentifier,
    "cmi.objectives.n.score.scaled": V2004_CMIDecimal,
    "cmi.objectives.n.score.raw": V2004_CMIDecimal,
    "cmi.objectives.n.score.min": V2004_CMIDecimal,
    "cmi.objectives.n.score.max": V2004_CMIDecimal,
    "cmi.objectives.n.success_status": V2004_CMISStatus,
    "cmi.objectives.n.completion_status": V2004_CMICStatus,
    "cmi.objectives.n.progress_measure": V2004_CMIDecimal,
    "cmi.objectives.n.description": V2004_CMILangString250,
    "cmi.interactions.n.id": V2004_CMILongIdentifier,
    "cmi.interactions.n.type": V2004_CMIType,
    "cmi.interactions.n.objectives.n.id": V2004_CMILongIdentifier,
    "cmi.interactions.n.timestamp": V2004_CMITime,
    "cmi.interactions.n.correct_responses.n.pattern": V2004_CMIFeedback,
    "cmi.interactions.n.weighting": V2004_CMIDecimal,
    "cmi.interactions.n.learner_response": V2004_CMIFeedback,
    "cmi.interactions.n.result": V2004_CMIResult,
    "cmi.interactions.n.latency": V2004_CMITimespan,
    "cmi.interactions.n.description": V2004_CMILangString250,
    "cmi.comments_from_learner.n.comment": V2004_CMILangString4000,
    "cmi.comments_from_learner.n.location": V2004_CMIString250,
    "cmi.comments_from_learner.n.timestamp": V2004_CMITime,
}
_V2004_RANGES = {
    "cmi.score.scaled": V2004_SCALED_RANGE, "cmi.objectives.n.score.scaled": V2004_SCALED_RANGE,
    "cmi.progress_measure": V2004_PROGRESS_RANGE, "cmi.objectives.n.progress_measure": V2004_PROGRESS_RANGE,
}


def _learner_response_ok(value: str, interaction_type: str) -> bool:
    rule = V2004_LEARNER_RESPONSE[interaction_type]
    nodes = value.split(rule["delimiter"]) if rule["delimiter"] else [value]
    if len(nodes) > rule["max"]:
        return False          # 351 "Data Model Element Pattern Too Long"
    for i, node in enumerate(nodes):
        if "delimiter2" in rule:
            pair = node.split(rule["delimiter2"])
            if len(pair) != 2 or js_match(rule["format"], pair[0]) is None \
                    or js_match(rule["format2"], pair[1]) is None:
                return False
        else:
            if js_match(rule["format"], node) is None:
                return False
            if node and rule["unique"] and node in nodes[:i]:
                return False
    return True


def moodle_accepts(element: str, value: str, version: str, *, standard_mode: bool = True,
                   interaction_type: str | None = None) -> bool:
    """Would Moodle's SCORM player accept LMSSetValue/SetValue(element, value)? (format and range only)

    version: "1.2" or "2004". standard_mode: Moodle's "scorm12standard" setting (1.2 string lengths 255/4096
    when on; 64000 when off, Moodle's default). interaction_type: for 2004 interactions.n.learner_response,
    the interaction's type (Moodle checks the response against it; without it, only CMIFeedback applies).
    Raises KeyError for elements this table does not cover. Dependencies between calls (id before other
    fields, type before learner_response, index order) are not modelled here.
    """
    value = str(value)
    model = _model(element)
    if version == "1.2":
        fmt = _V12_FORMATS[model]
        if fmt == "CMIString256":
            fmt = V12_CMIString256 if standard_mode else V12_CMIString_NONSTANDARD
        elif fmt == "CMIString4096":
            fmt = V12_CMIString4096 if standard_mode else V12_CMIString_NONSTANDARD
        if js_match(fmt, value) is None:
            return False
        if model in _V12_RANGES:
            return _in_range(value, *_V12_RANGES[model])
        return True
    if version != "2004":
        raise ValueError(f"version must be '1.2' or '2004', not {version!r}")
    matched = js_match(_V2004_FORMATS[model], value)
    if matched is None or (matched == "" and value != ""):
        return False
    if model == "cmi.interactions.n.learner_response" and interaction_type is not None:
        if not _learner_response_ok(value, interaction_type):
            return False
    if model in _V2004_RANGES:
        return _in_range(value, *_V2004_RANGES[model])
    return True
