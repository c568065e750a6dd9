"""The boundaries: cache seeded offline, TopoJSON decoded, 16 valid provinces of 2010 and 7 regions."""

from __future__ import annotations

import json
import time

import pytest
import shapely
from shapely.geometry import shape
from shapely.geometry.polygon import orient

from regional_policy import geo, places


@pytest.fixture(scope="module")
def built():
    source = geo.fetch()
    assert source is not None, "the upstream file must be cached or seedable from ../shared/geo/upstream"
    start = time.perf_counter()
    prov, reg = geo.build(json.loads(source.read_text(encoding="utf-8")))
    return prov, reg, time.perf_counter() - start


def test_metadata_records_url_hash_and_licence():
    m = geo.meta()
    assert m["url"].startswith(
        "https://raw.githubusercontent.com/southkorea/southkorea-maps/fe65e05e549d04083e52f380a7e9166a8ea0a01e/"
    )
    assert m["sha256"] == "95e2be1f16214ae9d969f2cf9b21e795ffeae019afff82a386d4f17742f7d4fc"
    assert "통계청 통계지리정보서비스" in m["licence"] and "통계청 통계지리정보서비스" in geo.credit("en")


def test_cache_is_seeded_from_shared_without_network(tmp_path):
    cache = tmp_path / "cache"
    assert geo.seed_cache(cache, geo.SHARED) is True
    assert geo.sha256(cache / geo.meta()["fname"]) == geo.meta()["sha256"]
    assert geo.seed_cache(cache, geo.SHARED) is False  # already there
    assert geo.fetch(cache=cache, shared=tmp_path / "nowhere") == cache / geo.meta()["fname"]


def test_without_file_nothing_is_downloaded(tmp_path):
    assert geo.fetch(cache=tmp_path / "empty", shared=tmp_path / "nowhere") is None
    assert geo.boundaries_available(cache=tmp_path / "empty", shared=tmp_path / "nowhere") is False
    assert not (tmp_path / "empty").exists()


def test_a_corrupt_shared_file_is_not_seeded(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / geo.meta()["fname"]).write_text("{}")
    assert geo.seed_cache(tmp_path / "cache", shared) is False
    assert geo.fetch(cache=tmp_path / "cache", shared=shared) is None


def test_topojson_decoding_of_a_quantized_delta_encoded_arc():
    topo = {
        "transform": {"scale": [0.5, 2.0], "translate": [100.0, 30.0]},
        "arcs": [[[0, 0], [2, 0], [0, 1], [-2, -1]]],
        "objects": {
            "o": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"code": "x"}}],
            }
        },
    }
    assert geo.decode_arcs(topo)[0].tolist() == [[100, 30], [101, 30], [101, 32], [100, 30]]
    ((props, poly),) = geo.geometries(topo)
    assert props == {"code": "x"} and poly.area == pytest.approx(1.0)
    ((_, rev),) = geo.geometries(
        {
            **topo,
            "objects": {
                "o": {
                    "type": "GeometryCollection",
                    "geometries": [{"type": "Polygon", "arcs": [[-1]], "properties": {}}],
                }
            },
        }
    )
    assert list(rev.exterior.coords) == list(poly.exterior.coords)[::-1]


def test_sejong_is_split_back_into_its_2010_provinces():
    assert geo.province_2010("2901033") == "33"  # Bugang-myeon -> Chungbuk
    assert geo.province_2010("2901011") == "34"  # Jochiwon-eup -> Chungnam
    assert geo.province_2010("2901051") == "34"
    assert geo.province_2010("1101053") == "11"
    assert geo.province_2010("3902062") == "39"


def test_sixteen_valid_features_one_per_unit(built):
    prov, _, _ = built
    feats = prov["features"]
    assert [f["id"] for f in feats] == sorted(p["code"] for p in places.table())
    for f in feats:
        place = places.get(f["properties"]["short_en"])
        assert f["properties"]["code"] == place["code"] and f["properties"]["name_ko"] == place["name_ko"]
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon"), f["id"]
        assert g.contains(shapely.Point(f["properties"]["label_lon"], f["properties"]["label_lat"])), f["id"]


def test_units_do_not_overlap_and_areas_are_plausible(built):
    prov, _, _ = built
    geoms = {f["properties"]["short_en"]: shape(f["geometry"]) for f in prov["features"]}
    union = shapely.union_all(list(geoms.values()))
    assert sum(g.area for g in geoms.values()) == pytest.approx(union.area, rel=2e-3)
    area = {k: geo.area_km2(g) for k, g in geoms.items()}
    assert 95_000 < sum(area.values()) < 105_000
    assert area["Gyeongbuk"] == max(area.values()) and area["Gwangju"] < 600
    assert 7_300 < area["Chungbuk"] < 7_600 and 8_600 < area["Chungnam"] < 8_900  # Sejong split back
    # Gwangju is an enclave of Jeonnam: Jeonnam keeps the hole, filled by Gwangju
    jeonnam = max(geo._polygons(geoms["Jeonnam"]), key=lambda p: p.area)
    assert any(shapely.Polygon(r).contains(geoms["Gwangju"].representative_point()) for r in jeonnam.interiors)


def test_exteriors_are_clockwise_for_vega(built):
    prov, reg, _ = built
    for f in prov["features"] + reg["features"]:
        for poly in geo._polygons(shape(f["geometry"])):
            assert not poly.exterior.is_ccw, f["id"]
            assert all(r.is_ccw for r in poly.interiors), f["id"]
            assert orient(poly, sign=-1.0).equals(poly)


def test_seven_regions_are_unions_of_their_provinces(built):
    prov, reg, _ = built
    assert [f["id"] for f in reg["features"]] == [r["key"] for r in places.regions()]
    by_code = {f["id"]: shape(f["geometry"]) for f in prov["features"]}
    for f in reg["features"]:
        g = shape(f["geometry"])
        members = shapely.union_all([by_code[p["code"]] for p in places.table() if p["economic_region"] == f["id"]])
        assert g.is_valid and g.symmetric_difference(members).area < 1e-3 * members.area, f["id"]
        assert all(len(p.interiors) == 0 for p in geo._polygons(g)), f["id"]


def test_processing_is_deterministic_and_cached(built, tmp_path):
    # how long it takes is measured by `make bench`, not here
    prov, reg, _ = built
    a = geo.write(out=tmp_path / "a")
    b = geo.write(out=tmp_path / "b")
    for key in ("provinces", "regions"):
        assert a[key].read_bytes() == b[key].read_bytes()
    assert a["provinces"].read_text(encoding="utf-8") == geo.dumps(prov)
    mtime = a["provinces"].stat().st_mtime_ns
    start = time.perf_counter()
    geo.write(out=tmp_path / "a")
    assert time.perf_counter() - start < 1 and a["provinces"].stat().st_mtime_ns == mtime  # cached by input hash
    assert geo.url(geo.PROVINCES) == "../_static/geo/provinces-2010.geojson"
