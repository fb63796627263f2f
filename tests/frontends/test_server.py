"""The Wyoming server with the wyoming package's own TCP client: real recognition, handling and speech.

Each test runs the server and its clients in one event loop; the engine (models loaded once)
is shared by the module, as a real server shares it between connections.
"""

from __future__ import annotations

import asyncio
import socket

import numpy as np
import pytest
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient, AsyncUnixClient
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize

from voice_guide.engine import Engine
from voice_guide.frontends.server.service import GuideService, serve
from voice_guide.testing.voices import synthesize


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    svc = GuideService(Engine(cache_dir=tmp_path_factory.mktemp("lm")))
    svc.load()
    return svc


@pytest.fixture(scope="module")
def question_pcm() -> bytes:
    """A flite-spoken question, sent as 22.05 kHz stereo (the server converts it)."""
    clip = synthesize("what causes muscle atrophy", "flite:slt").resampled(22050)
    mono = np.frombuffer(clip.pcm, dtype="<i2")
    return np.repeat(mono[:, None], 2, axis=1).astype("<i2").tobytes()


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(service, uri, client_main):
    async def main():
        ready = asyncio.Event()
        task = asyncio.create_task(serve(service, uri, ready))
        await asyncio.wait_for(ready.wait(), 30)
        try:
            return await client_main()
        finally:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
    return asyncio.run(main())


async def _ask(client, pcm: bytes, rate: int = 22050, channels: int = 2) -> str:
    await client.write_event(Transcribe(language="en").event())
    await client.write_event(AudioStart(rate=rate, width=2, channels=channels).event())
    step = 2048 * channels
    for i in range(0, len(pcm), step):
        await client.write_event(AudioChunk(rate=rate, width=2, channels=channels, audio=pcm[i:i + step]).event())
    await client.write_event(AudioStop().event())
    event = await client.read_event()
    assert Transcript.is_type(event.type), event
    return Transcript.from_event(event).text


async def _read_until(client, event_type: str) -> list[Event]:
    events = []
    while True:
        event = await client.read_event()
        assert event is not None
        events.append(event)
        if event.type == event_type:
            return events


def test_describe_transcribe_handle_and_synthesize(service, question_pcm):
    port = _port()

    async def client_main():
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Describe().event())
            info = Info.from_event(await client.read_event())
            text = await _ask(client, question_pcm)
            await client.write_event(Transcript(text=text).event())
            handled = await client.read_event()
            await client.write_event(Synthesize(text="Hello there.").event())
            audio = await _read_until(client, "audio-stop")
            return info, text, handled, audio

    info, text, handled, audio = _run(service, f"tcp://127.0.0.1:{port}", client_main)
    assert info.asr and info.asr[0].models[0].languages == ["en"]
    assert info.handle and info.tts and info.tts[0].voices
    assert text == "what causes muscle atrophy"
    assert Handled.is_type(handled.type)
    assert Handled.from_event(handled).text.startswith("Muscle atrophy can have a few different causes.")
    assert audio[0].type == "audio-start" and audio[-1].type == "audio-stop"
    chunks = [AudioChunk.from_event(e) for e in audio if e.type == "audio-chunk"]
    assert sum(len(c.audio) for c in chunks) / (2 * chunks[0].rate) > 0.4  # "Hello there." is over 0.4 s


def test_out_of_domain_text_is_not_handled_and_emergencies_are(service):
    port = _port()

    async def client_main():
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Transcript(text="turn on the kitchen lights").event())
            other = await client.read_event()
            await client.write_event(Transcript(text="my father has collapsed").event())
            emergency = await client.read_event()
            return other, emergency

    other, emergency = _run(service, f"tcp://127.0.0.1:{port}", client_main)
    assert NotHandled.is_type(other.type) and "only answer questions" in NotHandled.from_event(other).text
    assert Handled.is_type(emergency.type) and "emergency number" in Handled.from_event(emergency).text


def test_each_connection_has_its_own_conversation_and_clients_run_at_once(service, question_pcm):
    port = _port()

    async def one(i: int):
        async with AsyncTcpClient("127.0.0.1", port) as client:
            text = await _ask(client, question_pcm)
            await client.write_event(Transcript(text="repeat").event())
            first = Handled.from_event(await client.read_event()).text
            await client.write_event(Transcript(text="what is cachexia").event())
            await client.read_event()
            return text, first

    async def client_main():
        return await asyncio.gather(*(one(i) for i in range(4)))

    results = _run(service, f"tcp://127.0.0.1:{port}", client_main)
    assert [t for t, _ in results] == ["what causes muscle atrophy"] * 4
    # "repeat" in a fresh conversation has nothing to repeat: no state leaked from the others
    assert all(first.startswith("I have not said anything yet") for _, first in results)


def test_a_client_that_drops_mid_stream_costs_nothing(service, question_pcm, tmp_path):
    uri = f"unix://{tmp_path / 'vg.sock'}"

    async def client_main():
        dropper = AsyncUnixClient(str(tmp_path / "vg.sock"))
        await dropper.connect()
        await dropper.write_event(Transcribe().event())
        await dropper.write_event(AudioStart(rate=22050, width=2, channels=2).event())
        await dropper.write_event(AudioChunk(rate=22050, width=2, channels=2, audio=question_pcm[:20000]).event())
        await dropper.disconnect()
        await asyncio.sleep(0.2)
        async with AsyncUnixClient(str(tmp_path / "vg.sock")) as client:
            return await _ask(client, question_pcm)

    assert _run(service, uri, client_main) == "what causes muscle atrophy"


def test_oversized_messages_end_the_connection(service):
    port = _port()

    async def client_main():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b'{"type": "audio-chunk", "payload_length": 999999999}\n')
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), 10)  # the server closes the connection
        writer.close()
        async with AsyncTcpClient("127.0.0.1", port) as client:  # and keeps serving others
            await client.write_event(Describe().event())
            return data, await client.read_event()

    data, info = _run(service, f"tcp://127.0.0.1:{port}", client_main)
    assert data == b"" and info.type == "info"
