"""Batch: many areas at once on ``dask.distributed`` — build, bereikbaarheid, coverage and scenario
generators per area, results per area plus one summary; retries, skips what is done.

May use every subpackage below the faces.
"""
