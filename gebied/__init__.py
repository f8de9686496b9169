"""gebied: a gebiedsbiografie and voorzieningen planner for Dutch rural municipalities.

The subpackages are layers; a layer imports only from the layers below it::

    cli, app                       faces: the command line and the Streamlit app
    export                         print maps, feitenblad, datapakket
    verhaal                        gebiedsbiografie: stories, dorpsbiografie, notes
    maps                           pydeck layers, print-map layout, small multiples
    scenario                       scenario model, evaluation, optimiser, kernprofiel
    bereik                         travel-time engine, matrices, coverage, isochrones
    area                           the Area: kernen, accommodaties, overrides, build cache
    sources                        OSM, networks, rasters, Overpass
    core                           errors, formats, CRS, I/O, config, layer catalogue
"""

__version__ = "0.2.0"

__all__ = ["__version__"]
