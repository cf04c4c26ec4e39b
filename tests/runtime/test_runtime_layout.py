"""The learner runtime's files (stce_scorm/runtime/): the load order lists each of them once, and only the
tracker files know a data model: the player, the assessment and the neutral tracker name no SCORM path,
API, error code or time format."""

from __future__ import annotations

import re

from stce_scorm.render.site import LOAD_ORDER, RUNTIME, load_order, runtime_scripts
from stce_scorm.targets import TARGETS

TRACKER_FILES = {target.name: target.tracker_files for target in TARGETS.values()}

SCORM_WORDS = re.compile(r"cmi\.|\bAPI\b|API_1484_11|LMS(Initialize|GetValue|SetValue|Commit|Finish)|"
                         r"\b(Initialize|Terminate|GetValue|SetValue|GetLastError)\b|session_time|suspend_data|"
                         r"lesson_status|\b40[0-9]\b|scorm12|scorm2004|HHHH|PT\d|toISOString")


def tracker_files() -> set[str]:
    return {name for files in TRACKER_FILES.values() for name in files} | {"standalone.js"}


def test_every_runtime_file_is_in_the_load_order_once():
    listed = load_order(["@tracker-files"])
    assert len(listed) == len(set(listed))
    on_disk = {path.name for path in RUNTIME.glob("*.js")}
    assert set(listed) - {"@tracker-files"} | (tracker_files() - {"standalone.js"}) == on_disk
    for files in TRACKER_FILES.values():
        scripts = runtime_scripts(files)
        assert scripts.index("tracking.js") < scripts.index(files[0])  # registerTracker exists before they run
        assert scripts[-1] == "player.js"


def test_only_tracker_files_know_the_data_model():
    shared = [name for name in load_order([]) if name not in tracker_files()]
    assert "tracking.js" in shared and "player.js" in shared and "assessment.js" in shared
    for name in shared:
        code = "\n".join(line for line in (RUNTIME / name).read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith(("/*", "*", "//")))  # comments may explain
        found = SCORM_WORDS.search(code)
        assert found is None, f"{name} names {found.group(0)!r}: that belongs in a tracker file"


def test_trackers_register_themselves_and_the_player_looks_none_up_by_name():
    for name in tracker_files() - {"scorm-api.js"}:
        assert "STCE.registerTracker(" in (RUNTIME / name).read_text(encoding="utf-8"), name
    player = (RUNTIME / "player.js").read_text(encoding="utf-8")
    assert "STCE.connect(config, notify)" in player and "config.scorm" not in player
    assert LOAD_ORDER.parent == RUNTIME
