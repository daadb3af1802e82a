"""Maps drawn at build time: places and frames from places.yml, outlines from Natural Earth.

    places.py    reading and checking places.yml (places, frames, country and sea names)
    outlines.py  the committed country outlines: reading them, checking that they cover every
                 frame, and deriving them from Natural Earth for the frames (`make map-data`)
    geometry.py  projection, clipping and point-in-polygon
    labels.py    names laid out so that no font makes them collide
    svg.py       the SVG and the figure around it
    build.py     what one build knows (the hook's state)

An author writes `<!-- karte: <frame id> -->` (or `map`) on a line of its own; hooks/map.py is
the thin MkDocs adapter.
"""
