"""The LMS stand-in that `stce-scorm preview` and the browser tests share: scorm-again (the LMS-side SCORM
runtime) in the page, set up as Moodle sets up its player (static/lms.js), and a small back end that stores
what it commits, with a real LMS's faults on demand (backend.py), behind one set of HTTP routes (http.py).
The facts it needs of each SCORM version are in versions.py."""

from stce_scorm.preview.lms.backend import Commit, LmsBackend, flatten, interactions
from stce_scorm.preview.lms.server import LmsServer

__all__ = ["Commit", "LmsBackend", "LmsServer", "flatten", "interactions"]
