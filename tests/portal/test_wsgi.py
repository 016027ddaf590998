"""The server's entry point freezes what start-up made."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_start_up_objects_are_frozen_out_of_garbage_collection():
    """A full collection then walks only what requests made, not Django itself."""
    script = (
        "import gc, iruma_dx.wsgi, initiatives.views.points;"
        "print(gc.get_freeze_count(), len(gc.get_objects()))"
    )
    env = {**os.environ, "DEBUG": "false", "HTTPS": "false", "SECRET_KEY": "x" * 50}
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    frozen, still_walked = int(out[0]), int(out[1])
    assert frozen > 50_000  # Django, the settings, every view and URL
    assert still_walked < frozen / 10
