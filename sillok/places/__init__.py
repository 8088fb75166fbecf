"""The gazetteer: North Korea's provinces, counties, cities and border places, and name resolution.

Public API (used by the extractors, the store and the web UI):

- :func:`load_gazetteer` -> :class:`Gazetteer` (package data ``places/data/places.csv``)
- :meth:`Gazetteer.lookup` a name (any spelling, either language) -> :class:`Place` or None
- :meth:`Gazetteer.candidates` a name -> every place it may name
- :meth:`Gazetteer.find` the place mentions in a text -> list of :class:`PlaceMention`
- :meth:`Gazetteer.location` a place -> the codebook's :class:`~sillok.models.Location`
"""

from __future__ import annotations

from sillok.places.gazetteer import Gazetteer, Place, PlaceMention, fold, load_gazetteer

__all__ = ["Gazetteer", "Place", "PlaceMention", "fold", "load_gazetteer"]
