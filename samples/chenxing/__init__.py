"""Sample dossiers for 山东省数字经济“晨星工厂” (programme sd-chenxing-2022)."""
