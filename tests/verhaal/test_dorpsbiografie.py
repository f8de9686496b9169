"""Generated dorpsbiografieën per kern."""



from gebied.verhaal.dorpsbiografie import kern_chapters


def test_generated_kern_chapters_with_planner_text(default_area, ctx, tmp_path):
    (tmp_path / "planken.md").write_text("Eigen tekst over Planken.", encoding="utf-8")
    chapters = kern_chapters(default_area, ctx, extra_dir=tmp_path)
    named = default_area.kernen[default_area.kernen["naam_bron"] == "osm"]
    assert len(chapters) == len(named)
    by_name = {c.kaart.kern: c for c in chapters}
    vaduz = by_name["Vaduz"].tekst
    assert "5.229 inwoners (volgens OpenStreetMap)" in vaduz
    assert "Landesbibliothek" in vaduz and "min fietsen" in vaduz
    assert "Eigen tekst over Planken." in by_name["Planken"].tekst
    assert "leeftijdsopbouw is voor deze kern niet bekend" in vaduz
