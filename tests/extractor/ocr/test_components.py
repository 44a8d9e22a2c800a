"""Connected components labelled in 16 bits only where they cannot overflow."""
from __future__ import annotations

import cv2
import numpy as np

from extractor.ocr.components import connected_components


def _reference(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return n, labels, stats


def test_a_rule_mask_gets_the_same_components_in_16_bits() -> None:
    rng = np.random.default_rng(7)
    binary = ((rng.random((600, 500)) < 0.3) * 255).astype(np.uint8)
    binary[100, 20:400] = 255
    binary[300:303, 50:480] = 255
    k = 15
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, k), np.uint8))
    n, labels, stats = connected_components(rules, k)
    ref_n, ref_labels, ref_stats = _reference(rules)
    assert labels.dtype == np.uint16
    assert n == ref_n and n > 2
    assert np.array_equal(stats, ref_stats)
    assert np.array_equal(labels.astype(np.int32), ref_labels)


def test_more_components_than_16_bits_hold_are_labelled_in_32() -> None:
    # A checkerboard of isolated pixels (every other pixel on every other row): 90,000
    # one-pixel components, past what a uint16 label counts.
    dots = np.zeros((600, 1200), dtype=np.uint8)
    dots[::2, ::2] = 255
    n, labels, stats = connected_components(dots)
    ref_n, ref_labels, ref_stats = _reference(dots)
    assert n == ref_n == 300 * 600 + 1
    assert labels.dtype == np.int32
    assert np.array_equal(labels, ref_labels) and np.array_equal(stats, ref_stats)


def test_the_edge_allowance_keeps_clipped_runs_from_overflowing() -> None:
    # Claimed runs of at least 40 px, but 140,000 one-pixel dots sit on the edge columns
    # (what an opening's clipped kernel can leave there): the bound must choose 32 bits.
    mask = np.zeros((140000, 4), dtype=np.uint8)
    mask[::1, 0] = 255
    mask[::2, 0] = 0
    mask[::2, 3] = 255
    n, labels, _stats = connected_components(mask, 40)
    ref_n, ref_labels, _ = _reference(mask)
    assert n == ref_n
    assert n > 65535
    assert labels.dtype == np.int32
    assert np.array_equal(labels, ref_labels)
