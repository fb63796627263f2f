"""routines.player offers the event vocabulary of routines.events (one list: ``events.__all__``) as well as its own
names; twenty-fourth session (the copied import and ``__all__`` lists were duplicates D3 and D9)."""

from voice_guide.routines import events, player


def test_the_player_re_exports_every_event_name_as_the_same_object():
    assert [n for n in events.__all__ if n not in player.__all__ or getattr(player, n) is not getattr(events, n)] == []


def test_every_name_the_player_offers_resolves_once():
    assert len(player.__all__) == len(set(player.__all__))
    assert [n for n in player.__all__ if not hasattr(player, n)] == []
    assert {"RoutinePlayer", "PAIN_GUIDANCE_TEXT", "Tick", "PlayerSettings"} <= set(player.__all__)
