"""gebied: a gebiedsbiografie and voorzieningen planner for Dutch rural municipalities.

The subpackages are layers; a layer imports only from the layers below it::

    cli, app                       faces: the command line and the Streamlit app
    batch                          many areas as tasks on dask.distributed
    export                         print maps, feitenblad, datapakket
    toegang                        roles, accounts, logboek, guarded writes
    werkplaats                     workshop store, session export, backup
    verhaal                        gebiedsbiografie: stories, dorpsbiografie, notes
    maps                           pydeck layers, print-map layout, small multiples
    scenario                       scenario model, evaluation, optimiser, kernprofiel
    bereik                         travel-time engine, matrices, coverage, isochrones
    toekomst                       age groups, prognoses, demand per voorziening
    area                           the Area: kernen, accommodaties, overrides, build cache
    sources                        OSM, networks, rasters, Overpass
    core                           errors, formats, CRS, I/O, config and werkmap, layer catalogue
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gebied")
except PackageNotFoundError:  # run from a source tree without installing
    __version__ = "0.6.0"

__all__ = ["__version__"]
