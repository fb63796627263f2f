#!/usr/bin/env bash
# Install everything voice-guide needs on a Debian machine: system packages
# (text-to-speech and test-audio tools) and the Python package with its engines.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# sphinxtrain, sphinxbase-utils, pocketsphinx: the command-line tools of scripts/adapt_acoustic_model.py (bw,
# mllr_solve, sphinx_fe, pocketsphinx_mdef_convert), an offline measurement; nothing at run time needs them.
APT_PACKAGES=(espeak-ng libespeak-ng1 flite sox libsox-fmt-all libportaudio2 ffmpeg pulseaudio pulseaudio-utils libasound2-plugins
              sphinxtrain sphinxbase-utils pocketsphinx)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
echo "Installing voice-guide and its engines with $($PYTHON --version)"
$PYTHON -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test,vosk,mic]"
# the sentence-embedding model ships inside the wordllama wheel: check that its files are there
$PYTHON -c "from voice_guide.nlu.embedding import model_files; import sys; sys.exit(model_files() is None)" \
  || echo "Warning: wordllama's model files were not found; understanding works without sentence embeddings."
# build the guide's derived data once (recognizer vocabulary, compiled rules: the user's cache folder), so that
# the first start after set-up is ready as fast as every later one (a cold build takes about 10 s)
echo "Building the guide's caches for a fast first start"
$PYTHON -c "from voice_guide.engine import QAPipeline; QAPipeline().recognizer" \
  || echo "Warning: the caches were not built; the first start will build them (about 10 s)."
echo "Set-up done."
