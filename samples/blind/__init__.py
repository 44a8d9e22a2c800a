"""Blind corpora: dossiers written from the seeds by helpers who never saw this code.

``EXERCISED_BY_BLIND``: rules that no sample of our own plants but that dossiers of the blind
corpora fire (tests/dossier/test_samples_end_to_end.py::test_every_rule_is_exercised_by_a_sample
runs both and fails if one of these stops firing). The per-programme sample tests skip them
when they ask our own samples to plant every rule."""

EXERCISED_BY_BLIND: dict[str, frozenset[str]] = {
    "sd-chenxing-2022": frozenset({"independent_legal_person", "table_totals", "amounts_in_wan"}),
    "sd-data-product-2022": frozenset({"licence_not_expired", "independent_legal_person",
                                       "fill_date_in_round", "contract_table_totals"}),
    "zj-future-factory": frozenset({"cited_files_present", "equipment_table_totals"}),
    "js-smart-factory-2025": frozenset({"scale_or_equivalent"}),
    "sd-industry-brain": frozenset({"awards_recent_three_years", "indicator_counts_whole",
                                    "l1p10_share_recomputed", "l1p5_within_l1p4",
                                    "l1p7_sum_of_kinds", "last_year_figures"}),
}
