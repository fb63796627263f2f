"""The Rhino grammar converter: a tiny grammar to a grammar pack, with a decoder bias, loaded by the matcher."""

import subprocess
import sys
from pathlib import Path

import yaml

from voice_guide.content.pack import load_pack
from voice_guide.nlu.grammar import GrammarMatcher

ROOT = Path(__file__).resolve().parents[2]

RHINO = """context:
  expressions:
    orderTea:
      - "[give me, brew] a $shots:shots tea"
  slots:
    shots:
      - single
      - triple
"""


def test_a_rhino_grammar_converts_with_a_decoder_bias(tmp_path):
    (tmp_path / "rhino.yaml").write_text(RHINO, encoding="utf-8")
    out = tmp_path / "pack"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_rhino_grammar.py"), str(tmp_path / "rhino.yaml"),
                    str(out), "--title", "Tea", "--reply", "orderTea=Brewing a {shots} tea.",
                    "--decoder-bias", "shots:triple=1.5"], check=True, capture_output=True)
    doc = yaml.safe_load((out / "grammar.yaml").read_text(encoding="utf-8"))
    assert doc == {"title": "Tea", "language": "en",
                   "intents": {"orderTea": {"reply": "Brewing a {shots} tea.", "sentences": ["(give me|brew) a {shots} tea"]}},
                   "lists": {"shots": {"values": ["single", "triple"]}},
                   "decoder_bias": {"shots": {"triple": 1.5}}}
    matcher = GrammarMatcher(load_pack(out))
    assert matcher.decoder_bias == {"shots": {"triple": 1.5}}
    match = matcher.match("brew a triple tea")
    assert match is not None and (match.intent, match.slots) == ("orderTea", {"shots": "triple"})
