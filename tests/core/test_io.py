"""Uploads reach the readers as temporary files that nothing the browser sends can place elsewhere."""

import pytest

from gebied.core.io import upload_file


@pytest.mark.parametrize(("name", "expected"), [
    ("prognose 2025 (Hollands Kroon).xlsx", "prognose 2025 (Hollands Kroon).xlsx"),
    ("../../etc/cron.d/x.csv", "x.csv"),  # only the last part of a path
    ("..", "upload"), (".", "upload"), ("", "upload"),
    ("/tmp/../.bashrc", "upload"),  # a hidden name is not a plain one
    ("kaart.CSV\x00.txt", "upload.txt"),  # a NUL byte: not a plain name
    ("a\\b.XLSX", "upload.xlsx"),  # a Windows path is not a plain name either; its suffix is kept
])
def test_an_upload_keeps_a_plain_name_and_stays_in_its_own_folder(name, expected):
    with upload_file(name, b"kern;jaar\n") as path:
        assert path.name == expected
        assert path.parent.name.startswith("gebied-upload-")
        assert path.read_bytes() == b"kern;jaar\n"
        folder = path.parent
    assert not folder.exists()  # removed afterwards
