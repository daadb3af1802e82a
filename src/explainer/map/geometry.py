"""Plane geometry of a map: the projection of a frame, clipping to a box, point in polygon."""
from __future__ import annotations

import math

WIDTH = 600  # viewBox width of every map; the SVG scales to its container


class Projection:
    """Equirectangular, x scaled by cos(mid-latitude): distances true along the mid-parallel."""

    KM_PER_DEGREE = 6371.0088 * math.pi / 180  # mean Earth radius, one degree of latitude

    def __init__(self, frame, width: float = WIDTH):
        self.frame = frame
        self.cos = math.cos(math.radians((frame.south + frame.north) / 2))
        self.k = width / ((frame.east - frame.west) * self.cos)
        self.width = width
        self.height = (frame.north - frame.south) * self.k

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.frame.west) * self.cos * self.k, (self.frame.north - lat) * self.k

    @property
    def units_per_km(self) -> float:
        return self.k / self.KM_PER_DEGREE


def clip_ring(ring: list[tuple[float, float]], box) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a ring inside box = (west, south, east, north)."""
    west, south, east, north = box
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if not points:
        return points
    # Most rings of a frame's outlines lie wholly inside its box or wholly beside it: their
    # bounds say so without a test at every point (the same points as the tests below).
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if min(xs) >= west and max(xs) <= east and min(ys) >= south and max(ys) <= north:
        return list(points)
    if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
        return []
    tests = [(0, west, 1), (0, east, -1), (1, south, 1), (1, north, -1)]
    for axis, limit, sign in tests:
        if not points:
            break
        inside = [(p[axis] - limit) * sign >= 0 for p in points]
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside[i] != inside[i - 1]:
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                other = 1 - axis
                cut = [0.0, 0.0]
                cut[axis] = limit
                cut[other] = previous[other] + t * (current[other] - previous[other])
                result.append(tuple(cut))
            if inside[i]:
                result.append(current)
        points = result
    return points


def point_in_polygon(lon: float, lat: float, polygon) -> bool:
    """Even-odd rule over a GeoJSON polygon (outer ring, then holes)."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside
