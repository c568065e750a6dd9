"""The maps' projection and the layout of Figure 1's callouts (in pixels, so that they can be tested)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import places
from ..style import lines_within


@dataclass(frozen=True)
class Mercator:
    """The map's projection, computed here too so that callouts can be laid out in pixels."""

    scale: float
    center: tuple[float, float]
    width: int
    height: int

    @staticmethod
    def _y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + self.scale * math.radians(lon - self.center[0])
        y = self.height / 2 - self.scale * (self._y(lat) - self._y(self.center[1]))
        return x, y

    def altair(self) -> alt.Projection:
        return alt.Projection(
            type="mercator", scale=self.scale, center=list(self.center), translate=[self.width / 2, self.height / 2]
        )


LEFT = ("Gyeonggi", "Seoul", "Incheon", "Chungnam", "Daejeon", "Jeonbuk", "Gwangju", "Jeonnam", "Jeju")
MAP1 = Mercator(scale=4700, center=(127.99, 35.85), width=680, height=700)
LINE, NAME_LINE, GAP = 12, 15, 6
LEFT_X, RIGHT_X = 170, 492


def _stack(items: list[tuple[str, float, float]], top: float, bottom: float) -> dict[str, float]:
    """Vertical positions (top of each block) near the wanted ones, without overlaps, inside [top, bottom]."""
    items = sorted(items, key=lambda i: i[1])
    ys, y = {}, top
    for key, want, height in items:
        y = max(y, want - height / 2)
        ys[key] = y
        y += height + GAP
    overflow = y - GAP - bottom
    if overflow > 0:
        limit = bottom
        for key, _, height in reversed(items):
            ys[key] = min(ys[key], limit - height)
            limit = ys[key] - GAP
    return ys


ITEM_SIZE = 10  # font size of a callout item
MARGIN = {"left": 4, "right": 36}  # kept free at the chart's edge: the right-hand column leaves room for a wider font


INDENT = 12  # continuation lines of a wrapped item start under the item's text, not under its marker


def _item_lines(label: str, marker: str, side: str, room: float) -> list[tuple[str, int]]:
    """An item's callout lines with their x offsets: the marker on the map's side of the first line."""
    body = lines_within(label, room - INDENT, ITEM_SIZE)
    if side == "left":
        return [(f"{body[0]} {marker}", 0)] + [(b, -INDENT) for b in body[1:]]
    return [(f"{marker} {body[0]}", 0)] + [(b, INDENT) for b in body[1:]]


def callouts(
    f1: pd.DataFrame, anchors: dict[str, tuple[float, float]], proj: Mercator = MAP1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Text lines and leader lines of the callouts, in pixels: western units left of the map, eastern right.

    An item too long for the room between its column and the chart's edge is wrapped onto more lines.
    """
    lines, leaders = [], []
    for side, keys, x_text in (("left", LEFT, LEFT_X), ("right", [k for k in places.keys() if k not in LEFT], RIGHT_X)):
        room = (x_text if side == "left" else proj.width - x_text) - MARGIN[side]
        blocks, texts = [], {}
        for key in keys:
            code = places.get(key)["code"]
            ax, ay = proj(*anchors[code])
            items = f1[f1["province"] == key].sort_values("order")
            texts[key] = [
                (it["confidence"], _item_lines(it["label"], it["marker"], side, room)) for _, it in items.iterrows()
            ]
            n = sum(len(ls) for _, ls in texts[key])
            blocks.append((key, ay, NAME_LINE + n * LINE))
        tops = _stack(blocks, 8, proj.height - 8)
        for key, _, _ in blocks:
            code = places.get(key)["code"]
            ax, ay = proj(*anchors[code])
            y0 = tops[key]
            unit = f1[f1["province"] == key]["unit"].iloc[0]
            lines.append(
                {
                    "province": key,
                    "side": side,
                    "kind": "name",
                    "x": x_text,
                    "y": y0 + 11,
                    "text": unit,
                    "confidence": "high",
                }
            )
            i = 0
            for confidence, item_lines in texts[key]:
                for text, dx in item_lines:
                    lines.append(
                        {
                            "province": key,
                            "side": side,
                            "kind": "item",
                            "x": x_text + dx,
                            "y": y0 + NAME_LINE + 9 + i * LINE,
                            "text": text,
                            "confidence": confidence,
                        }
                    )
                    i += 1
            x_start = x_text + 5 if side == "left" else x_text - 5
            leaders.append({"province": key, "x": x_start, "y": y0 + 7, "x2": ax, "y2": ay})
    return pd.DataFrame(lines), pd.DataFrame(leaders)


MAP2 = Mercator(scale=4500, center=(127.75, 35.72), width=620, height=600)
MAP3 = Mercator(scale=3600, center=(127.8, 35.85), width=420, height=440)
