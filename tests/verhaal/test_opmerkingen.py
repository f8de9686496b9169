"""Workshop notes: add, export, read back."""


import pytest

from gebied.core.errors import GebiedError
from gebied.verhaal.opmerkingen import add_opmerking, empty_opmerkingen, export_opmerkingen, read_opmerkingen


def test_workshop_notes_round_trip(tmp_path):
    notes = add_opmerking(empty_opmerkingen(), 9.52, 47.14, "Hier ontbreekt een bankje", "voorzieningen", "Anna")
    notes = add_opmerking(notes, 9.51, 47.20, "Fietspad onveilig", "bereikbaarheid")
    for name in ("o.geojson", "o.csv"):
        back = read_opmerkingen(export_opmerkingen(notes, tmp_path / name))
        assert list(back["tekst"]) == ["Hier ontbreekt een bankje", "Fietspad onveilig"]
        assert back["lon"].tolist() == pytest.approx([9.52, 9.51])
    with pytest.raises(GebiedError):
        add_opmerking(notes, 9.5, 47.1, "   ")
    with pytest.raises(GebiedError):
        add_opmerking(notes, 9.5, 47.1, "x", "onbekend-thema")
    assert len(notes) == 2
