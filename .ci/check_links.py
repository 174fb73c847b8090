"""Fail when a committed symlink points outside the repository, or nowhere.

Such a link works on the machine it was made on only: a fresh clone (CI, a
new contributor) finds it dangling. Usage: ``python3 .ci/check_links.py
[REPOSITORY]`` (default: this checkout); exits 1 and names each bad link.
"""

import os
import subprocess
import sys
from pathlib import Path

SYMLINK_MODE = "120000"


def committed_links(root):
    """``(path, target)`` of every symlink committed in the repository ``root``."""
    listing = subprocess.run(
        ["git", "-C", str(root), "ls-files", "--stage", "-z"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    links = []
    for entry in filter(None, listing.split("\0")):
        metadata, path = entry.split("\t", 1)
        mode, blob, _stage = metadata.split()
        if mode == SYMLINK_MODE:
            target = subprocess.run(
                ["git", "-C", str(root), "cat-file", "blob", blob],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            links.append((path, target))
    return links


def outside_links(root):
    """The committed links whose target is outside ``root`` or does not exist."""
    root = Path(root).resolve()
    bad = []
    for path, target in committed_links(root):
        if os.path.isabs(target):
            bad.append((path, target))
            continue
        resolved = Path(os.path.normpath(root / Path(path).parent / target))
        if not resolved.is_relative_to(root) or not os.path.lexists(resolved):
            bad.append((path, target))
    return bad


def main(arguments):
    root = arguments[0] if arguments else Path(__file__).resolve().parent.parent
    bad = outside_links(root)
    for path, target in bad:
        print(f"{path} -> {target}: points outside the repository", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
