"""Run the benchmark tools: ``python -m tests.bench bench|loadtest [options]``.

They live beside the tests, not in the portal's packages, so that nothing
that times or loads the portal ships with it. ``make bench`` and
``make loadtest`` run them with the settings of the environment.
"""

import os
import sys

import django


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iruma_dx.settings")
    django.setup()
    # Imported after setup: the tools use the models and the test client.
    from tests.bench import bench, loadtest

    commands = {"bench": bench.Command, "loadtest": loadtest.Command}
    if len(argv) < 2 or argv[1] not in commands:
        sys.exit(f"usage: python -m tests.bench {{{'|'.join(commands)}}} [options]")
    commands[argv[1]]().run_from_argv([argv[0], *argv[1:]])


if __name__ == "__main__":
    main(sys.argv)
