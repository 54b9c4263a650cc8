"""The Explorer's race as a scene and back, without Qt: what File > Save writes and Open restores.

A saved run carries its whole state, so it is restored as it was; a run without one (older files,
hand-written lesson scenes) is re-run through its saved history, runs being deterministic given
their seeds. Opening is all-or-nothing: every racer is built first (prepare_racers), and only
then do they replace the race's (install_racers). Re-running can take long (a million steps is
about a minute; a swarm, which stores no state, is always re-run), so prepare_scene (racers and
swarm) reports its progress and can be cancelled (core.runs.batch's callables); it changes
nothing in the race, so a window can run it in a background thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.io.scene import RunSpec, Scene, SessionError, SwarmSection
from core.race.model import Race
from core.race.racer import Racer, apply_config
from core.race.swarm import Swarm
from core.runs.batch import Cancel, Progress
from core.runs.config import RunConfig
from core.runs.run import Run
from core.runs.snapshot import SnapshotError
from surfaces.errors import UserError

REPLAY_CHUNK = 1000  # steps re-run between two progress reports and looks at the cancel hook


class Cancelled(Exception):
    """prepare_racers / prepare_scene stopped because the cancel hook asked: nothing was built."""


def racer_spec(r: Racer) -> RunSpec:
    """A racer's settings, edit history, step count and state (step 0 and no state when sitting
    out: a disabled run is not shown and restarts from step 0 when ticked again)."""
    steps = r.t if r.enabled else 0
    history = tuple(r.history) if steps else ()
    run = r.run
    state = run.snapshot() if steps and run is not None and run.record else None
    return RunSpec(r.config, r.colour, r.enabled, steps, r.name, history, state)


def race_scene(race: Race) -> Scene:
    """The race as a scene, with how it is shown (view range, colour scale, speed, selection)."""
    specs = tuple(racer_spec(r) for r in race.racers)
    chosen = race.selected
    selected = race.racers.index(chosen) if chosen is not None else None
    return Scene(race.surface, race.starts.copy(), specs, view=race.view_range,
                 log_scale=race.log_scale, speed=race.speed, selected=selected,
                 swarm=swarm_section(race))  # fmt: skip


def swarm_section(race: Race) -> SwarmSection | None:
    """The race's swarm (if one is dropped) for its scene: per racer its particles' steps and
    the settings they ran with before each live edit."""
    sw = race.swarm
    if not isinstance(sw, Swarm):
        return None
    steps = tuple(sw.runs[r.key].t if r.key in sw.runs else 0 for r in race.racers)
    hist = tuple(tuple(sw.history.get(r.key, ())) if n else () for r, n in zip(race.racers, steps,
                                                                                strict=True))  # fmt: skip
    return SwarmSection(sw.spec, steps, hist, sw.colour_by)


def restore_swarm(race: Race, section: SwarmSection | None) -> Swarm | None:
    """Drop the scene's swarm on the (restored) race, every racer's particles re-run to their
    saved step through their saved edits; none: the race has no swarm."""
    if isinstance(race.swarm, Swarm):
        race.swarm.close()
    race.swarm = None
    if section is None:
        return None
    sw = Swarm(race, section.spec)
    sw.colour_by = section.colour_by
    for r, steps, hist in zip(race.racers, section.steps, section.history, strict=True):
        if r.key in sw.runs:
            sw.replay_run(r.key, steps, list(hist))
    race.swarm = sw
    return sw


def first_config(spec: RunSpec) -> RunConfig:
    """The settings the run started with (its oldest history entry, or its current ones)."""
    return spec.history[0][1] if spec.history else spec.config


def replay_steps(scene: Scene) -> int:
    """How many steps opening the scene re-runs: those of its runs without a stored state, and
    its swarm's (a swarm never stores its particles' state)."""
    return _run_steps(scene) + _swarm_steps(scene)


def _run_steps(scene: Scene) -> int:
    return sum(spec.steps for spec in scene.runs if spec.state is None)


def _swarm_steps(scene: Scene) -> int:
    sw = scene.swarm
    if sw is None:
        return 0
    return sum(n for spec, n in zip(scene.runs, sw.steps, strict=True) if spec.enabled)


Tick = Callable[[int], None]  # told the number of steps just re-run


def replay(run: Run, spec: RunSpec, tick: Tick | None = None) -> None:
    """Advance a fresh run (built from first_config) through its history to spec.steps, telling
    ``tick`` every REPLAY_CHUNK steps (it may raise to stop the replay)."""
    following = [*(c for _, c in spec.history[1:]), spec.config][: len(spec.history)]
    for (until, _), nxt in zip(spec.history, following, strict=True):
        _step_to(run, until, tick)
        apply_config(run, nxt)
    _step_to(run, spec.steps, tick)


def _step_to(run: Run, t: int, tick: Tick | None) -> None:
    # Exactly to t even when every point has diverged (they stay put): the race may have
    # stepped a diverged run to the end of a timer tick's chunk, and the scene must match.
    while run.t < t:
        before = run.t
        run.step(min(t - run.t, REPLAY_CHUNK))
        if tick is not None:
            tick(run.t - before)


def _prepared(race: Race, scene: Scene, spec: RunSpec, tick: Tick | None) -> Racer:
    if spec.state is not None:
        r = race.prepare_racer(spec.config, spec.colour, scene.surface, scene.starts)
        assert r.run is not None
        r.run.restore(spec.state)
    else:
        r = race.prepare_racer(first_config(spec), spec.colour, scene.surface, scene.starts)
        assert r.run is not None
        replay(r.run, spec, tick)
    r.config, r.history, r.enabled = spec.config, list(spec.history), spec.enabled
    return r


class _Ticker:
    """Counts the steps re-run, tells ``progress`` their fraction of ``total`` and raises
    Cancelled when ``cancel()`` says so."""

    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total, self.done, self.progress, self.cancel = total, 0, progress, cancel
        self.check()

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled

    def __call__(self, steps: int) -> None:
        self.done += steps
        self.check()
        if self.progress is not None:
            self.progress(self.done / max(1, self.total))


@dataclass
class Prepared:
    """A scene's racers and swarm, built and replayed off the race: install_racers shows them."""

    racers: list[Racer]
    swarm: Swarm | None


def prepare_racers(race: Race, scene: Scene, progress: Progress | None = None,
                   cancel: Cancel | None = None) -> list[Racer]:  # fmt: skip
    """Every racer of the scene with its run at its saved step, the race left unchanged.
    SessionError (one line naming the run) if any run cannot be built; Cancelled as soon as
    ``cancel()`` says so. ``progress`` is told the fraction of the steps re-run."""
    return _racers(race, scene, _Ticker(_run_steps(scene), progress, cancel))


def prepare_scene(race: Race, scene: Scene, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> Prepared:  # fmt: skip
    """prepare_racers, and the scene's swarm (if any) replayed on a stand-in race: all of the
    scene's re-running, done without changing the race (a window runs it in the background)."""
    tick = _Ticker(replay_steps(scene), progress, cancel)
    racers = _racers(race, scene, tick)
    return Prepared(racers, _swarm(scene, racers, tick))


def _racers(race: Race, scene: Scene, tick: _Ticker) -> list[Racer]:
    racers = []
    for i, spec in enumerate(scene.runs):
        try:
            racers.append(_prepared(race, scene, spec, tick))
        except (SnapshotError, UserError, ArithmeticError, ValueError) as e:
            raise SessionError(f"runs[{i}] cannot be rebuilt: {e}") from None
    return racers


def _swarm(scene: Scene, racers: list[Racer], tick: _Ticker) -> Swarm | None:
    section = scene.swarm
    if section is None:
        return None
    stage = Race(scene.surface, critical=())  # the swarm's stepping reads only the surface
    stage.racers = list(racers)
    try:
        sw = Swarm(stage, section.spec)
        sw.colour_by = section.colour_by
        for r, steps, hist in zip(racers, section.steps, section.history, strict=True):
            if r.key in sw.runs:
                sw.replay_run(r.key, steps, list(hist), tick)
    except (UserError, ArithmeticError, ValueError) as e:
        raise SessionError(f"the swarm cannot be rebuilt: {e}") from None
    return sw


def install_racers(race: Race, scene: Scene, racers: list[Racer],
                   swarm: Swarm | None = None) -> list[int]:  # fmt: skip
    """Make the race the scene's with prepared racers (its surface must already be the scene's):
    starts, racers, swarm (``swarm`` as prepare_scene replayed it, else replayed now), selection,
    view and speed. Returns the racer keys in scene order."""
    restore_swarm(race, None)
    race.set_racers([])
    race.set_starts(scene.starts)
    for r in racers:
        if r.run is not None:
            r.run.critical = race.critical
    race.set_racers(racers)
    if swarm is not None:
        swarm.attach(race)
        race.swarm = swarm
    if swarm is not None or restore_swarm(race, scene.swarm) is not None:
        race.events.racers.emit(tuple(racers))  # views learn of the swarm with its racers
    if racers:
        race.select(racers[scene.selected or 0].key)
    race.set_speed(*scene.speed)
    if scene.view is not None:
        race.set_view_range(scene.view)
    if scene.log_scale is not None:
        race.set_log_scale(scene.log_scale)
    return [r.key for r in racers]


def restore_race(race: Race, scene: Scene) -> list[int]:
    """Make the race the scene's (its surface must already be set), every run at its saved step;
    SessionError and no change if a run cannot be built. Returns the racer keys in scene order."""
    prepared = prepare_scene(race, scene)
    return install_racers(race, scene, prepared.racers, prepared.swarm)
