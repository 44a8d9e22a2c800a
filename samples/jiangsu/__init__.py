"""Sample dossiers for 江苏省智能工厂梯度建设 (criteria/js-smart-factory-2025.yaml)."""
