"""YAML read by libyaml's parser gives what PyYAML's own safe loader gives, and the same kind of error."""

from pathlib import Path

import pytest
import yaml

from gebied.core import yamlload

REPO = Path(__file__).resolve().parents[2]


def test_every_shipped_yaml_file_reads_as_with_the_python_loader():
    files = sorted([*REPO.glob("layers/**/*.yaml"), *REPO.glob("data/**/*.yaml")])
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yamlload.safe_load(text) == yaml.load(text, Loader=yaml.SafeLoader), path


def test_a_broken_file_raises_a_yaml_error_naming_its_line():
    with pytest.raises(yaml.YAMLError) as info:
        yamlload.safe_load("naam: Schaan\nkernen: [een, twee\nwoorden: 3\n")
    assert info.value.problem_mark is not None and info.value.problem_mark.line >= 1


def test_only_plain_data_is_built():
    with pytest.raises(yaml.YAMLError):
        yamlload.safe_load("!!python/object/apply:os.system ['true']")
