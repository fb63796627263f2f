"""The interpreter's constants after the twenty-fourth session's split (interpret_commands, interpret_rescue_readings):
each tuned constant stands in exactly one module and is read from there, so ``scripts/tune_interpret.py --param``
and ``monkeypatch.setattr`` act on the module the code reads. Written for these tests (no data line)."""

from voice_guide.nlu import interpret, interpret_commands, interpret_rescue, interpret_rescue_readings, interpret_safety, interpret_verify
from voice_guide.nlu.interpret import SecondHearing
from voice_guide.nlu.interpret_tuning import CONSTANT_MODULES as MODULES
from voice_guide.nlu.interpret_tuning import module_of
from voice_guide.nlu.understanding import IntentMatch


def _tuned(module) -> set[str]:
    """The module's upper-case numeric constants (a copy imported by name would count too)."""
    return {name for name, value in vars(module).items()
            if name.isupper() and isinstance(value, int | float) and not isinstance(value, bool)}


def test_every_tuned_constant_stands_in_one_module():
    seen: dict[str, str] = {}
    twice = []
    for module in MODULES:
        for name in _tuned(module):
            if name in seen:
                twice.append((name, seen[name], module.__name__))
            seen[name] = module.__name__
    assert twice == []
    assert {"MAX_CONTROL_WORDS", "IDLE_NEEDS_CONTEXT"} <= _tuned(interpret_commands)
    assert {"RESCUE_MIN_MARGIN", "RESCUE_FROM_GENERAL"} <= _tuned(interpret_rescue_readings)
    assert {"MIN_ASR_CONFIDENCE", "MIN_KNOWLEDGE_SCORE"} <= _tuned(interpret)
    assert {"PAIN_SUSPECTED_AT", "ROUTINE_SUSPECTED_AT", "MIN_DIRECT_ALARM_ASR_CONFIDENCE"} <= _tuned(interpret_safety)
    assert {"MIN_AGREED_READING_CONFIDENCE"} <= _tuned(interpret_verify)
    assert {m.__name__ for m in MODULES} == {m.__name__ for m in (interpret, interpret_commands, interpret_rescue,
                                                                  interpret_rescue_readings, interpret_safety,
                                                                  interpret_verify)}
    assert (module_of("IDLE_NEEDS_CONTEXT"), module_of("RESCUE_MIN_MARGIN"), module_of("NO_SUCH_CONSTANT")) == (
        interpret_commands, interpret_rescue_readings, None)


def test_the_command_bar_is_read_from_its_module(pipe, monkeypatch):
    assert pipe.interpret("stop", 0.2).intent == "stop"
    monkeypatch.setattr(interpret_commands, "MIN_CONTROL_ASR_CONFIDENCE", 0.3)
    assert pipe.interpret("stop", 0.2).intent != "stop"


def test_the_rescue_margin_is_read_from_its_module(pipe, monkeypatch):
    declined = IntentMatch("fallback", 0.0, text="the blue kettle by the back door")
    heard = SecondHearing(("the blue kettle by the back door",), "he can't breathe", 0.02)
    assert pipe.interpreter.wants_second_opinion(declined)
    assert pipe.interpreter.second_opinion(declined, heard, 0.4).intent == "confirm_emergency"
    monkeypatch.setattr(interpret_rescue_readings, "RESCUE_MIN_MARGIN", 0.05)
    monkeypatch.setattr(interpret_rescue_readings, "RESCUE_SUSPECTED_MIN_MARGIN", 99.0)
    assert pipe.interpreter.second_opinion(declined, heard, 0.4).intent == "fallback"
    monkeypatch.setattr(interpret_rescue_readings, "RESCUE_MIN_MARGIN", 99.0)
    assert not pipe.interpreter.wants_second_opinion(declined)


NET_ONLY_EMERGENCY = "my wife has gone a funny grey colour and is all clammy"  # the rules miss it; the net: about 0.97
RULES_EMERGENCY = "he can't breathe"


def test_a_net_only_alarm_heard_clearly_is_answered_from_its_bar_and_asked_under_it(pipe, monkeypatch):
    assert pipe.understander.safety.assess(NET_ONLY_EMERGENCY).net_probability >= interpret_safety.NET_ALONE_DIRECT_AT
    assert pipe.understander.safety.assess(RULES_EMERGENCY).net_probability is None
    heard = [(pipe.interpret(text, 0.9).intent, pipe.interpret(text, 0.9).slots.get("kind")) for text in
             (NET_ONLY_EMERGENCY, RULES_EMERGENCY)]
    assert heard == [("emergency", None), ("emergency", None)]
    monkeypatch.setattr(interpret_safety, "NET_ALONE_DIRECT_AT", 1.01)
    heard = [(pipe.interpret(text, 0.9).intent, pipe.interpret(text, 0.9).slots.get("kind")) for text in
             (NET_ONLY_EMERGENCY, RULES_EMERGENCY)]
    assert heard == [("confirm_emergency", "emergency"), ("emergency", None)]
