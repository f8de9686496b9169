"""The hand-checked scenario area: Oosterdorp with a school, a dorpshuis and a gymzaal with known figures."""

from __future__ import annotations

from pathlib import Path

from gebied.area.derive import derive_area, merge_overrides
from gebied.area.model import Area
from gebied.area.overrides import read_overrides
from gebied.core.catalogue import load_catalogue
from gebied.core.config import AreaConfig
from helpers.osm_factory import scenario_area


def hand_area(folder: Path) -> tuple[Area, dict[str, str]]:
    """Oosterdorp: school 900 m² (€100.000, 60%), dorpshuis 400 m² (€40.000, 50%), gymzaal 500 m² (€30.000, 40%).

    Returns the area and the accommodatie ids by name.
    """
    area = derive_area(AreaConfig(id="hand", naam="Hand", extract=scenario_area(folder / "hand.osm")))
    ids = area.accommodaties.set_index("naam")["accommodatie_id"]
    csv = folder / "o.csv"
    csv.write_text("accommodatie_id;exploitatielasten;bezettingsgraad\n"
                   f"{ids['De Kleine Wereld']};100000;60\n{ids['Dorpshuis Oost']};40000;50\n"
                   f"{ids['Gymzaal Oost']};30000;40\n", encoding="utf-8")
    return merge_overrides(area, read_overrides(csv, load_catalogue())), dict(ids)


def oost(area: Area) -> str:
    """The kern id of Oosterdorp."""
    return str(area.kernen.set_index("naam").loc["Oosterdorp", "kern_id"])
