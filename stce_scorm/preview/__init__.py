"""Local preview: the module in an LMS emulator page (scorm-again as the LMS side) with a live inspector
of what the LMS records, rebuilt whenever a source file changes."""

from stce_scorm.preview.lms_runtime import SCORM_AGAIN_INTEGRITY, SCORM_AGAIN_VERSION, LmsRuntimeError, ensure_scorm_again
from stce_scorm.preview.server import PreviewServer, serve_preview

__all__ = ["LmsRuntimeError", "PreviewServer", "SCORM_AGAIN_INTEGRITY", "SCORM_AGAIN_VERSION", "ensure_scorm_again",
           "serve_preview"]
