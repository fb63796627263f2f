#!/usr/bin/env python3
"""MLLR adaptation of PocketSphinx's stock en-us model on the coffee benchmark's tuning recordings.

Offline build step (issue #12; measured in docs/real-speech.md, "Seventeenth round"). It needs
Debian's ``sphinxtrain`` (``bw``, ``mllr_solve``), ``sphinxbase-utils`` (``sphinx_fe``) and
``pocketsphinx`` (``pocketsphinx_mdef_convert``); the transform it writes is all the decoder
needs at run time (PocketSphinx ``mllr``, :attr:`PocketSphinxSettings.mllr_path`).

Steps:

1. **Adaptation audio, as the decoder hears it.** Each tuning recording (index mod 10 in
   ``--residues``, default 3: never the reported set 0 and 5, nor the check set 7), clean and/or
   mixed with the kitchen noise by the published method (``bench_real_speech.mix``, seed 12), goes
   through the coffee pack's ``ask`` pipeline; the audio handed to the decoder (after the noise
   front end, with the decoder's noise floor) is kept. Transcript: the words the pipeline heard,
   kept only when the order was understood exactly right (intent and every slot), so that
   every word of a kept transcript is the speaker's.
2. ``sphinx_fe`` with the model's ``feat.params`` (``remove_noise`` off, as the decoder runs).
3. The model's ``sendump`` (8-bit mixture weights) expanded to a ``mixture_weights`` file and the
   binary ``mdef`` converted to text, for ``bw`` (``-ts2cbfn .ptm.``, batch CMN per utterance).
4. ``mllr_solve``: one global mean transform, written to ``--out``.

Result (seventeenth round): no measurable gain on the check recordings (r7: +5 -5 of 244 runs with the
kitchen transform), so no transform is committed and no pack uses one; the figures are in docs/real-speech.md.

Usage::

    python3 scripts/adapt_acoustic_model.py --work /tmp/adapt --snrs 6 12 18 24 --out models/adaptation/mllr_kitchen
    python3 scripts/adapt_acoustic_model.py --work /tmp/adapt --snrs --out /tmp/mllr_clean   # clean only
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SPHINXTRAIN = Path("/usr/lib/sphinxtrain")
SEED = 12
MIXW_SHIFT = 10
"""The sendump's default scaling of its 8-bit negative log weights (base 1.0001)."""


def tuning_names(labels: dict[str, Any], residues: list[int]) -> list[str]:
    """The recordings whose index (sorted by name) mod 10 is in ``residues`` and that exist."""
    from bench_real_speech import DATA_DIR  # type: ignore[import-not-found]

    if {0, 5} & set(residues):
        raise SystemExit("--residues: 0 and 5 are the reported set, never adaptation data")
    names = [n for i, n in enumerate(sorted(labels)) if i % 10 in residues]
    return [n for n in names if (DATA_DIR / "audio" / n.replace(".wav", ".flac")).exists()]


def collect(names: list[str], snrs: list[int | None], work: Path) -> list[tuple[str, str]]:
    """Decode each recording in each condition; keep the decoder's audio and the heard words of
    the exactly understood orders. Returns (utterance id, transcript) pairs; audio in ``work/wav``."""
    import bench_real_speech as bench  # type: ignore[import-not-found]

    from voice_guide.audio.files import AudioClip
    from voice_guide.content.pack import load_pack
    from voice_guide.engine import QAPipeline
    from voice_guide.stt.pocketsphinx.backend import _noise_table

    logging.disable(logging.WARNING)
    labels = json.loads((bench.DATA_DIR / "labels.json").read_text(encoding="utf-8"))
    pipeline = QAPipeline(load_pack(bench.COFFEE_PACK))
    inner = pipeline.recognizer.inner
    heard_audio: list[bytes] = []
    start, accept = inner.start, inner.accept

    def starting() -> None:
        heard_audio.clear()
        start()

    def accepting(pcm: bytes) -> None:
        heard_audio.append(pcm)
        accept(pcm)

    inner.start, inner.accept = starting, accepting
    noise = bench.read_float(bench.NOISE_PATH)
    floor = inner.settings.noise_floor_lsb * _noise_table()
    (work / "wav").mkdir(parents=True, exist_ok=True)
    kept: list[tuple[str, str]] = []
    for snr in snrs:
        for name in names:
            pipeline.start_over()
            speech = bench.read_float(bench.DATA_DIR / "audio" / name.replace(".wav", ".flac"))
            signal = speech if snr is None else bench.mix(speech, noise, snr, random.Random(f"{SEED}:{snr}:{name}"))
            r = pipeline.ask_clip(AudioClip.from_float(signal.astype(np.float32), 16000), name)
            if not bench.accepted({"intent": r.intent, "slots": r.slots}, labels[name]) or not r.transcript:
                continue
            samples = np.frombuffer(b"".join(heard_audio), dtype="<i2").astype(np.float64)
            samples += floor[np.arange(samples.size) % floor.size]
            utt = f"{name.removesuffix('.wav')}_{'clean' if snr is None else f'{snr}dB'}"
            with wave.open(str(work / "wav" / f"{utt}.wav"), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(16000)
                w.writeframes(np.clip(np.rint(samples), -32768, 32767).astype("<i2").tobytes())
            kept.append((utt, r.transcript.lower()))
        print(f"{'clean' if snr is None else f'{snr} dB'}: {len(kept)} utterances kept so far", file=sys.stderr)
    return kept


def write_mixture_weights(sendump: Path, out: Path) -> None:
    """Expand PocketSphinx's 8-bit ``sendump`` into a Sphinx-III ``mixture_weights`` file
    (senone x feature stream x density, normalized), which ``bw`` reads."""
    data = sendump.read_bytes()
    pos = 0

    def read_str() -> bytes | None:
        nonlocal pos
        n = struct.unpack_from("<I", data, pos)[0]
        pos += 4
        if n == 0:
            return None
        text = data[pos : pos + n - 1]
        pos += n
        return text

    read_str()  # title
    headers = {}
    while (h := read_str()) is not None:
        key, _, value = h.decode("ascii", "replace").partition(" ")
        headers[key] = value
    if int(headers.get("cluster_count", "0")) != 0:
        raise SystemExit("sendump: clustered weights are not supported")
    n_density, n_sen = struct.unpack_from("<II", data, pos)
    pos += 8
    n_feat = int(headers["feature_count"])
    raw = np.frombuffer(data, dtype=np.uint8, count=n_feat * n_density * n_sen, offset=pos)
    logw = -(raw.reshape(n_feat, n_density, n_sen).astype(np.float64) * (1 << int(headers.get("mixw_shift", MIXW_SHIFT))))
    mixw = np.power(1.0001, logw).transpose(2, 0, 1)  # senone, feature, density
    mixw /= mixw.sum(axis=2, keepdims=True)
    header = b"s3\nversion 1.0\n"
    pad = (len(header) + len(b"endhdr\n")) & 3
    header += b" " * ((4 - pad) & 3) + b"endhdr\n"
    with out.open("wb") as f:
        f.write(header + struct.pack("<i", 0x11223344))
        f.write(struct.pack("<IIII", n_sen, n_feat, n_density, mixw.size))
        f.write(mixw.astype("<f4").tobytes())


def run(cmd: list[str], log: Path) -> None:
    """Run a sphinxtrain tool; its output goes to ``log``."""
    with log.open("w") as f:
        done = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({done.returncode}): see {log}")


def train(kept: list[tuple[str, str]], work: Path, out: Path, dict_path: Path) -> None:
    """Features, counts (bw) and the global MLLR transform (mllr_solve) for the kept utterances."""
    from voice_guide.stt.pocketsphinx.models import model_paths

    for tool in ("sphinx_fe", "pocketsphinx_mdef_convert"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing (apt-get install sphinxbase-utils pocketsphinx sphinxtrain)")
    hmm_stock, _, _ = model_paths()
    hmm = work / "hmm"
    if hmm.exists():
        shutil.rmtree(hmm)
    shutil.copytree(hmm_stock, hmm)
    write_mixture_weights(hmm / "sendump", hmm / "mixture_weights")
    run(["pocketsphinx_mdef_convert", "-text", str(hmm / "mdef"), str(hmm / "mdef.txt")], work / "mdef.log")
    ids = work / "adapt.fileids"
    ids.write_text("".join(f"{u}\n" for u, _ in kept))
    (work / "adapt.transcription").write_text("".join(f"<s> {t} </s> ({u})\n" for u, t in kept))
    params = [line for line in (hmm / "feat.params").read_text().splitlines() if line.strip()]
    fe_params = work / "fe.params"
    fe_params.write_text("\n".join(p for p in params if p.split()[0] in
                                   ("-lowerf", "-upperf", "-nfilt", "-transform", "-lifter")) + "\n")
    feats = work / "mfc"
    feats.mkdir(exist_ok=True)
    run(["sphinx_fe", "-argfile", str(fe_params), "-samprate", "16000", "-remove_noise", "no", "-dither", "no",
         "-c", str(ids), "-di", str(work / "wav"), "-do", str(feats), "-ei", "wav", "-eo", "mfc", "-mswav", "yes"],
        work / "fe.log")
    acc = work / "acc"
    acc.mkdir(exist_ok=True)
    run([str(SPHINXTRAIN / "bw"), "-hmmdir", str(hmm), "-moddeffn", str(hmm / "mdef.txt"), "-ts2cbfn", ".ptm.",
         "-feat", "1s_c_d_dd", "-svspec", "0-12/13-25/26-38", "-cmn", "current", "-agc", "none",
         "-dictfn", str(dict_path), "-fdictfn", str(hmm / "noisedict"), "-ctlfn", str(ids),
         "-lsnfn", str(work / "adapt.transcription"), "-cepdir", str(feats), "-accumdir", str(acc)], work / "bw.log")
    out.parent.mkdir(parents=True, exist_ok=True)
    run([str(SPHINXTRAIN / "mllr_solve"), "-meanfn", str(hmm / "means"), "-varfn", str(hmm / "variances"),
         "-outmllrfn", str(out), "-accumdir", str(acc)], work / "mllr.log")


def main(argv: list[str] | None = None) -> int:
    import bench_real_speech as bench  # type: ignore[import-not-found]

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True, help="a scratch folder (audio, features, counts)")
    ap.add_argument("--out", type=Path, required=True, help="the MLLR transform to write")
    ap.add_argument("--residues", type=int, nargs="*", default=[3], help="tuning recordings: index mod 10")
    ap.add_argument("--snrs", type=int, nargs="*", default=[6, 12, 18, 24], help="kitchen-noise mixes (dB)")
    ap.add_argument("--clean", action="store_true", help="the clean recordings too")
    ap.add_argument("--reuse", action="store_true", help="reuse the kept utterances of an earlier run in --work")
    args = ap.parse_args(argv)
    labels = json.loads((bench.DATA_DIR / "labels.json").read_text(encoding="utf-8"))
    names = tuning_names(labels, args.residues)
    kept_path = args.work / "kept.json"
    if args.reuse and kept_path.exists():
        kept = [tuple(k) for k in json.loads(kept_path.read_text())]
    else:
        conditions: list[int | None] = ([None] if args.clean else []) + list(args.snrs)
        kept = collect(names, conditions, args.work)
        kept_path.write_text(json.dumps(kept))
    from voice_guide.content.pack import load_pack
    from voice_guide.engine import QAPipeline

    logging.disable(logging.WARNING)
    dict_path = Path(QAPipeline(load_pack(bench.COFFEE_PACK)).recognizer.inner.models.dict_path)
    train([(u, t) for u, t in kept], args.work, args.out, dict_path)
    print(f"{len(kept)} utterances ({len(names)} recordings) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
