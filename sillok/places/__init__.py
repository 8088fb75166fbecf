"""The gazetteer: North Korea's provinces, counties, cities and border places, and name resolution.

Public API (used by the extractors, the store and the web UI):

- :func:`load_gazetteer` -> :class:`Gazetteer` (package data ``places/data/places.csv`` and
  ``places_extra.csv``; levels ``country`` > ``admin1`` > ``admin2`` > ``place``)
- :meth:`Gazetteer.lookup` a name (any spelling, either language, with particles or a possessive)
  -> :class:`Place`; an ambiguous name is settled by ``context`` or left at what its candidates
  share (e.g. the ``country`` row), None when unknown
- :meth:`Gazetteer.candidates` a name -> every place it may name
- :meth:`Gazetteer.find` the place mentions in a text -> list of :class:`PlaceMention` (pass
  ``context=`` the document's places when the text is one sentence of it)
- :meth:`Gazetteer.resolve` settles ambiguous mentions with the unambiguous ones of the same text
- :meth:`Gazetteer.location` a place -> the codebook's :class:`~sillok.models.Location`
- :meth:`Gazetteer.coordinates` a location or place -> (lat, lon) of its most precise known level
"""

from __future__ import annotations

from sillok.places.gazetteer import (
    LEVELS,
    Gazetteer,
    GazetteerError,
    Place,
    PlaceMention,
    fold,
    load_from,
    load_gazetteer,
)

__all__ = ["LEVELS", "Gazetteer", "GazetteerError", "Place", "PlaceMention", "fold", "load_from", "load_gazetteer"]
