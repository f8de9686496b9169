"""Exports for raadsvoorstellen: the print map of a scenario, the feitenblad (PDF) and the datapakket
(GeoPackage or XLSX with units).

May use every subpackage below the faces (``core`` … ``verhaal``).
"""
