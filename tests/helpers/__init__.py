"""Test helpers shared by the test folders: OSM fixtures, small networks, PDFs, stories, the browser."""
