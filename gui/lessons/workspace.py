"""Putting a lesson's scene into the window, and taking the user's own work out and back in.

The Explorer's part goes through the scene machinery (core.race.scene: exact replay); the Network
tab's through its controller's public state. In the same session the Network tab comes back
exactly (its optimizer state and history included); from a file, with its weights, data and
training settings (the optimizer restarts)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from core.lessons.model import ExplorerScene, NetworkScene
from core.lessons.scenes import network_data
from core.lessons.stash import NetworkWork, Stash
from core.network.datasets import Dataset
from core.race.scene import race_scene
from gui.session import show_scene

if TYPE_CHECKING:
    from gui.window_api import WindowApi

OVERLAYS = ("gradient", "velocity", "adaptive", "eigen")
_LIVE = ("net", "dataset", "rule", "convention", "hyper", "schedule", "batch", "seed", "init",
         "init_seed", "trainer", "history", "history_t", "view_index", "step_index",
         "sample")  # fmt: skip


def overlays_shown(win: WindowApi) -> tuple[str, ...]:
    a = win.explorer.actions
    return tuple(o for o in OVERLAYS if a[f"overlay_{o}"].isChecked())


def show_overlays(win: WindowApi, overlays: tuple[str, ...]) -> None:
    for o in OVERLAYS:
        win.explorer.actions[f"overlay_{o}"].setChecked(o in overlays)


def current_tab(win: WindowApi) -> str:
    return "network" if win.tabs.currentIndex() == 1 else "explorer"


def capture(win: WindowApi) -> tuple[Stash, dict | None]:
    """The user's work: a Stash (what a file keeps) and, if the Network tab exists, a deep copy
    of its live state (what this session can bring back exactly)."""
    network, live = None, None
    if win.network is not None:
        c = win.network.ctl
        d = c.dataset
        network = NetworkWork(c.view_net().copy(), d.x, d.y, d.name, d.task, d.title, c.rule,
                              c.hyper, c.schedule, c.batch, c.seed, c.init,
                              c.init_seed)  # fmt: skip
        # one deepcopy of them all: the copied trainer shares the copied network, as they do now
        live = copy.deepcopy({k: getattr(c, k) for k in _LIVE})
    stash = Stash(race_scene(win.explorer.controller.race), current_tab(win),
                  overlays_shown(win), network)  # fmt: skip
    return stash, live


def restore(win: WindowApi, stash: Stash, live: dict | None = None) -> None:
    """Bring the user's work back: the Explorer scene (replayed exactly), the arrows, the Network
    tab (exactly from ``live``, else from the stash file's network), and the tab that was open."""
    show_scene(win.explorer.controller, stash.scene)
    show_overlays(win, stash.overlays)
    tool = getattr(win, "data_view", None)
    if tool is not None and tool.before_lessons is not None:
        tool.action.setChecked(tool.before_lessons)
        tool.before_lessons = None
    if live is not None or stash.network is not None:
        tab = win.network_tab()
        c = tab.ctl
        c.pause()
        if live is not None:
            for k, v in live.items():
                setattr(c, k, v)
            c._rebuild_steps()
            c.sigNetworkChanged.emit()
            c.sigWeightsChanged.emit()
            c.sigStepChanged.emit(c.step_index)
        elif stash.network is not None:
            n = stash.network
            c.rule, c.hyper, c.schedule, c.batch, c.seed = (
                n.rule,
                n.hyper,
                n.schedule,
                n.batch,
                n.seed,
            )
            c.convention = n.hyper.convention
            c.init, c.init_seed = n.init, n.init_seed
            task = n.task if n.task in ("classification", "regression") else "classification"
            c.set_network(n.net, Dataset(n.dataset, n.x, n.y, task, n.title))
    win.show_tab(stash.tab)


def open_lesson_scene(win: WindowApi, scene: ExplorerScene | NetworkScene) -> list[int]:
    """Load a lesson's scene into its tab and show that tab; returns the Explorer racers' keys
    in the scene's order (none for a Network scene)."""
    if isinstance(scene, ExplorerScene):
        keys = show_scene(win.explorer.controller, scene.scene)
        show_overlays(win, scene.overlays)
        tool = getattr(win, "data_view", None)
        if tool is not None:
            if tool.before_lessons is None:  # the user's own choice, for Back to my work
                tool.before_lessons = tool.action.isChecked()
            tool.action.setChecked(scene.data_view)
        _prepare_network_race(win, scene.network_race)
        win.show_tab("explorer")
        return keys
    tab = win.network_tab()
    c = tab.ctl
    c.pause()
    t = scene.training
    c.dataset = network_data(scene)
    c.rule, c.hyper, c.schedule, c.batch, c.seed = t.rule, t.hyper, t.schedule, scene.batch, t.seed
    c.convention = t.hyper.convention
    c.new_network(list(scene.hidden), scene.activation, scene.output_activation, scene.loss,
                  scene.init, scene.seed)  # fmt: skip
    panels = {"norms": tab.norms, "check": tab.check, "landscape": tab.landscape}
    tab.tabs.setCurrentWidget(panels[scene.panel])
    _prepare_network_race(win, scene.network_race)
    win.show_tab("network")
    return []


def _prepare_network_race(win: WindowApi, rules: tuple[str, ...]) -> None:
    """A lesson's network_race: those rules race from copies of the Network tab's network, ready
    on its Optimizer race panel — now if the tab exists, else when it is first shown (a lesson
    on the Explorer does not build a tab it does not show)."""
    if not rules:
        return
    if win.network is not None:
        win.network.race.set_rules(rules)
        win.network.start_race()
        return

    def on_shown(index: int) -> None:
        if win.network is not None:
            win.tabs.currentChanged.disconnect(on_shown)
            _prepare_network_race(win, rules)

    win.tabs.currentChanged.connect(on_shown)
