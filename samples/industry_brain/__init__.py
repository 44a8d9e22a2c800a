"""Sample dossiers of sd-industry-brain (山东省“产业大脑”评价指标申报)."""
