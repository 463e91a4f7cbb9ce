"""Extracts the handwritten digits of the digits lab from scikit-learn's wheel.

scikit-learn ships the UCI "Optical Recognition of Handwritten Digits" test
set (1,797 images of 8x8 block counts 0-16, CC BY 4.0) as
sklearn/datasets/data/digits.csv.gz: one image a line, 64 counts then the
digit. This script downloads the wheel from PyPI with pip (no install), reads
that file out of it, checks it and writes www/data/digits.bin: 65 bytes an
image, the 64 counts row by row, then the digit, in the wheel's order.

    python3 tools/digits.py            # downloads the wheel into a temp dir
    python3 tools/digits.py WHEEL.whl  # or reads a wheel already downloaded
"""

import csv
import glob
import gzip
import io
import os
import subprocess
import sys
import tempfile
import zipfile

MEMBER = "sklearn/datasets/data/digits.csv.gz"
OUT = os.path.join(os.path.dirname(__file__), "..", "www", "data", "digits.bin")


def wheel(folder):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "scikit-learn", "--no-deps",
         "--only-binary", ":all:", "-d", folder],
        check=True,
    )
    return glob.glob(os.path.join(folder, "scikit_learn-*.whl"))[0]


def rows(path):
    with zipfile.ZipFile(path) as z:
        text = gzip.decompress(z.read(MEMBER)).decode("ascii")
    for line in csv.reader(io.StringIO(text)):
        values = [int(float(v)) for v in line]
        assert len(values) == 65, line
        assert all(0 <= v <= 16 for v in values[:64]) and 0 <= values[64] <= 9, line
        yield values


def main():
    with tempfile.TemporaryDirectory() as folder:
        path = sys.argv[1] if len(sys.argv) > 1 else wheel(folder)
        images = list(rows(path))
    assert len(images) == 1797, len(images)
    with open(OUT, "wb") as f:
        for values in images:
            f.write(bytes(values))
    print(f"{len(images)} images from {os.path.basename(path)} -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
