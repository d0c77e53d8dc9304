"""Build the offline workshop bundle: a zip to copy to a laptop or USB stick and open from file://.

    python tools/offline.py [--out dist]      (or: make offline)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "verbindend-werken"


def build_bundle(out: Path) -> Path:
    folder = out / NAME
    shutil.rmtree(folder, ignore_errors=True)
    env = {**os.environ, "VW_OFFLINE": "1", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
                   cwd=ROOT, env=env, check=True)
    for not_found in folder.rglob("404.html"):  # needs a web server (absolute asset paths): left out
        not_found.unlink()
    archive = out / f"{NAME}-offline.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            bundle.write(path, path.relative_to(out))
    return archive


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    print(f"Offline bundle: {build_bundle(arguments.out)} (open {NAME}/index.html after unzipping)")
