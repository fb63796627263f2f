"""The general mechanisms added in session 4: dropped apostrophes, a report or first-person
crisis talk inside a question, fragments said in distress, the DVT signs of a joint, words the
spelling fixer keeps, superlatives that are not a usual state, the past tense after an
operation. All phrases are written for these tests."""

from __future__ import annotations

import pytest
from safety_support import found

from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.safety_spelling import SpellingFixer
from voice_guide.nlu.safety_text import normalise


def test_dropped_apostrophes_and_short_forms_are_expanded() -> None:
    assert normalise("whats the point, thats it, isnt it, theyre here") == (
        "what is the point | that is it | is not it | they are here")
    assert normalise("idk, out of the blue he fell") == "i do not know | suddenly he fell"
    assert normalise("my legs were dead") == "my legs were dead"  # "were" is not "we are"


@pytest.mark.parametrize(("text", "kind", "concept"), [
    ("my chest", "emergency", "chest_pain"),  # a fragment said in distress
    ("oh god my chest", "emergency", "chest_pain"),
    ("is it dangerous he took 20 ibuprofen an hour ago", "emergency", "poisoning_overdose"),  # a report in a question
    ("is it normal that i keep wishing i was dead", "crisis", "crisis"),  # first person in a question
    ("whats the point of going on", "crisis", "crisis"),
    ("the worst headache of her life came on after coughing", "emergency", "headache"),  # not a usual state
    ("swollen red calf after my op", "emergency", "blood_clot"),  # no past tense: now
    ("his knee is swollen, hot and red", "emergency", "blood_clot"),  # a joint with two signs
    ("her blood sugar is really low and she's not making sense", "emergency", "confusion"),
    ("she just had a seizure and she's never had one before", "emergency", "seizure"),
    ("when i asked him to raise both arms only one went up", "emergency", "stroke"),
    ("he has had three fits in a row", "emergency", "seizure"),
])
def test_reports_that_stand(rules: SafetyRules, text: str, kind: str, concept: str) -> None:
    assert found(rules, text) == (kind, concept)


@pytest.mark.parametrize("text", [
    "chest",  # a topic, not a fragment about someone
    "his knee is swollen",  # a joint alone: not the DVT signs (one leg swollen, warm, red, painful)
    "can you tell me what a stroke is",  # an indirect question
    "is it dangerous if he took his tablets twice last week",  # no report of now
    "she had a swollen leg after her op in march but it went down",
    "he got stung by a bee once and his arm swelled up",  # "once and" is history
    "no dizziness or chest pain during the session",  # negation carries through "or"
    "he overdid it in the garden",  # a word the spelling fixer keeps
    "i was so embarrassed i wanted to die",
    "i'm worried she might have a stroke one day",
    "she took two paracetamol for her headache",
    "not sure if i want to keep going with the routine today",
])
def test_near_misses_that_stay_quiet(rules: SafetyRules, text: str) -> None:
    assert not rules.assess(text).is_red_flag


def test_keep_words_are_never_corrected_or_produced() -> None:
    assert SpellingFixer(["overdose"]).fix("overdoes") == "overdose"  # one swap away: corrected
    fixer = SpellingFixer(["overdose", "overdosing", "overdoing"], keep=["overdoing", "overdoes"])
    assert fixer.fix("overdoes overdosin") == "overdoes overdosing"  # kept; a real slip still corrected
    assert fixer.fix("overdoin") == "overdoin"  # one from "overdoing", which is kept, never a correction


@pytest.mark.parametrize(("text", "concept"), [
    ("is it normal that his arm suddenly went numb and his speech is slurred", "stroke"),  # a report in a question
    ("should i be worried that she cant wake up", "collapse"),
    ("hes never had chest pain before and now he does", "chest_pain"),  # "now he does" revives the "never"
    ("she had a seizure before but this one wont stop", "seizure"),
    ("sorry to bother you, probably nothing, but my dad has chest pain", "chest_pain"),
])
def test_questions_and_disclaimers_do_not_swallow_reports(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "why does my chest suddenly feel tight when i do the arm exercises",  # asks why: a usual state
    "should i worry that he cant wake up early anymore",
    "she can't breathe through her nose because of her cold",
    "she never had chest pain, she is just tired",
])
def test_questions_that_stay_questions(rules: SafetyRules, text: str) -> None:
    assert not rules.assess(text).is_red_flag


def test_a_change_going_on_now_outweighs_a_history_in_the_same_clause(rules: SafetyRules) -> None:
    assert found(rules, "she had an allergic reaction to the new tablets and her face is swelling") == ("emergency", "allergy")
    assert not rules.assess("she had a stroke last year and she is doing her exercises every day").is_red_flag
    assert not rules.assess("she had a stroke last year and she is weak on her left side").is_red_flag  # a state


def test_delayed_signs_of_a_head_injury_are_still_now(rules: SafetyRules) -> None:
    assert found(rules, "old man confused and sleepy after hitting his head yesterday") == ("emergency", "head_injury")
    assert not rules.assess("he was confused after hitting his head last year").is_red_flag  # not recent
    assert not rules.assess("she was a bit sleepy after bumping her head yesterday but she's fine now").is_red_flag


@pytest.mark.parametrize(("text", "concept"), [
    # an idiom's pattern must not swallow a real report ("throw a fit at", "my heart stopped when")
    ("the school rang, my daughter has had a seizure at school and is still fitting", "seizure"),
    ("my husband is having a fit at the table", "seizure"),
    ("his heart stopped at the hospital car park", "chest_pain"),
    ("my wife just had a seizure at home and she's not waking up", "seizure"),
])
def test_idioms_and_history_do_not_swallow_reports(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", ["her chest", "his heart", "my heart"])
def test_bare_fragments_a_recognizer_makes_of_it_hurts_are_not_alarms(rules: SafetyRules, text: str) -> None:
    # a runner-up of "it hurts" in the routine phrase set: pain during a routine must stay pain
    assert not rules.assess(text).is_red_flag


@pytest.mark.parametrize(("text", "kind", "concept"), [
    # written for the fourth held-out set's kinds of misses (session 4, end)
    ("my uncle doesnt see any reason to keep going since the amputation", "crisis", "crisis"),
    ("nobody cares so i am going to end it all tonight", "crisis", "crisis"),
    ("he has sorted his affairs in order and says soon it will not matter", "crisis", "crisis"),
    ("i feel like steering the car into a tree", "crisis", "crisis"),
    ("his eyes keep rolling up and he is not with us", "emergency", "collapse"),
    ("i can barely rouse my husband this morning", "emergency", "collapse"),
    ("her tounge has swollen right up", "emergency", "allergy"),
    ("halfway through the arm raises he went pale and the room is spinning for him", "emergency", "exercise_warning"),
    # and their near misses
    ("i will finish it tonight after tea", "none", None),
    ("thinking about dying her hair purple for the party", "none", None),
    ("he had anaphylaxis to nuts in the eighties", "none", None),
    ("i am going to collapse on the sofa after this", "none", None),
])
def test_session_four_end_additions(rules: SafetyRules, text: str, kind: str, concept: str | None) -> None:
    assert found(rules, text) == (kind, concept)


def test_thoughts_of_an_overdose_get_the_emergency_reply_with_the_crisis_line(rules: SafetyRules) -> None:
    finding = rules.assess("she keeps thinking about overdosing on her tablets")
    assert (finding.kind.value, finding.concept) == ("emergency", "poisoning_overdose")
    assert finding.reply == f"{rules.reply(finding.kind)} {rules.crisis_line_text()}".strip()


# Fifty-first session: a text is read once (normalised, spelled, its figures of speech replaced) and the reading kept
# for the n-best list's and the cues' next reads; a kept reading changes nothing, and none goes into a pickle.
def test_a_text_read_again_gives_the_same_findings(rules: SafetyRules) -> None:
    text = "he is choking on his dinner and going blue"
    first = [(h.concept, h.cancelled_by) for h in rules.hits(text)]
    assert rules.hits(text) and [(h.concept, h.cancelled_by) for h in rules.hits(text)] == first
    assert found(rules, text) == ("emergency", "choking")
    assert found(rules, "i am dying to know what causes it") == ("none", None)  # a figure of speech, read twice
    assert found(rules, "i am dying to know what causes it") == ("none", None)


def test_the_kept_readings_are_bounded_and_never_pickled(rules: SafetyRules) -> None:
    from voice_guide.nlu.safety import READ_CACHE_SIZE
    for n in range(READ_CACHE_SIZE + 5):
        rules.hits(f"she has had {n} cups of tea today")
    assert 0 < len(rules._read_texts) <= READ_CACHE_SIZE
    assert rules.__getstate__()["_read_texts"] == {}  # what the engine's derived-data cache would keep


@pytest.mark.parametrize("text", [
    "he is choking and i want to die, it hurts so much, how many tablets can she take",
    "she had a stroke last year but now her face is drooping again",
    "no chest pain, just sore knees",
])
def test_a_kinds_share_of_the_kept_hits_is_what_a_fresh_reading_of_those_kinds_finds(rules: SafetyRules, text: str) -> None:
    from voice_guide.nlu.safety_types import FindingKind
    rules.hits(text)  # every kind's hits kept
    for kinds in [(FindingKind.EMERGENCY,), (FindingKind.CRISIS,), (FindingKind.PAIN,), (FindingKind.MEDICAL_ADVICE,),
                  (FindingKind.EMERGENCY, FindingKind.CRISIS)]:
        for idioms in (True, False):
            assert rules.hits(text, kinds, idioms=idioms) == rules._hits(text, kinds, None, idioms)
