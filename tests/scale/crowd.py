"""The synthetic crowd both large-store browser tests serve: N_CROWD events over three made-up places."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from bench.synth import Places, synth_frame

N_CROWD = 6_000
CROWD_PLACES = Places(
    name=np.array(["Skhidne", "Pivdenne", "Pohranychne"]),
    lat=np.array([48.5, 46.9, 51.0]),
    lon=np.array([37.5, 32.0, 36.0]),
    country=np.array(["UA", "UA", "RU"]),
    weight=np.array([0.5, 0.3, 0.2]),
)


def crowd_frame() -> gpd.GeoDataFrame:
    """N_CROWD schema-valid events over CROWD_PLACES (seed 11: the same crowd every run)."""
    return synth_frame(N_CROWD, seed=11, places=CROWD_PLACES)
