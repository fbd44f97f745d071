"""One caching rule for the pages: shared for the bundled dataset, per session for an imported file.

A page computation is declared once and called with the session's dataset first::

    @cache.per_dataset(max_entries=32)
    def country_summary(iso: str, _links: pd.DataFrame) -> dict: ...

    summary = country_summary(ctx.ds, iso, ctx.links)

- bundled dataset (every visitor sees the same files): the result goes to a shared Streamlit cache
  (``st.cache_resource`` by default, ``st.cache_data`` with ``copies=True``), keyed on the dataset's
  key, the function and **every argument whose name does not start with « _ »**;
- imported dataset (one visitor's file): the result never enters a shared cache; it is computed
  on each call, or kept in this session only (``session_entries``, e.g. an index that is slow to
  build).

Arguments named with a leading « _ » (frames, figure builders) are not hashed, Streamlit's own
convention: they must be determined by the dataset and the other arguments (e.g. ``_links`` is
the dataset filtered by the ``filters`` argument, which is keyed). The key is derived, never
written by hand, so no argument can be forgotten in it.
"""

from __future__ import annotations

import functools
import inspect
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar

import streamlit as st

from lianes_dash.analysis.filters import Filters
from lianes_dash.text import i18n
from lianes_dash.ui.state import Dataset

P = ParamSpec("P")
R = TypeVar("R")

#: Session key prefix of the per-session results of imported datasets.
_SESSION = "_cache_session:"

#: How Streamlit hashes the arguments it cannot hash cheaply. A ``Filters`` is hashed by its
#: text (a frozen dataclass of tuples, strings and numbers: its ``repr`` names every value); by
#: default Streamlit turns it into a dict field by field, ~0.5 ms for each of the ~20 cached calls
#: of a page run, a fifth of the overview's run.
_HASH_FUNCS: dict = {Filters: repr}


def _key_parameters(fn: Callable[..., Any]) -> list[str]:
    return [name for name in inspect.signature(fn).parameters if not name.startswith("_")]


class PerDataset(Generic[P, R]):
    """A page computation under the caching rule (see the module's docstring). Call it as ``f(ds, *args)``."""

    def __init__(
        self,
        fn: Callable[P, R],
        *,
        max_entries: int,
        copies: bool,
        ttl: float | None,
        show_spinner: bool | str,
        session_entries: int,
    ) -> None:
        self.compute = fn
        self.session_entries = session_entries
        self._signature = inspect.signature(fn)
        # The shared function is ``fn`` with the dataset key in front. Streamlit names a cache
        # by module, qualified name and source: ``__wrapped__`` gives it ``fn``'s source, so that
        # editing ``fn`` starts a new cache. ``__signature__`` keeps the arguments' names aligned
        # (a « _ » name is not hashed).

        # The language is in the key too (after the dataset's): a result may hold words and
        # number formats, so an English visitor is never served a French chart, nor the reverse.
        def keyed(ds_key: str, lang: str, *args: Any, **kwargs: Any) -> R:
            return fn(*args, **kwargs)

        keyed.__module__ = fn.__module__
        keyed.__qualname__ = fn.__qualname__
        keyed.__name__ = fn.__name__
        keyed.__doc__ = fn.__doc__
        keyed.__wrapped__ = fn  # type: ignore[attr-defined]
        first = inspect.Parameter("ds_key", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str)
        lang = inspect.Parameter("lang", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str)
        keyed.__signature__ = self._signature.replace(  # type: ignore[attr-defined]
            parameters=[first, lang, *self._signature.parameters.values()]
        )
        decorator = st.cache_data if copies else st.cache_resource
        self.shared = decorator(max_entries=max_entries, ttl=ttl, show_spinner=show_spinner, hash_funcs=_HASH_FUNCS)(
            keyed
        )
        self._session_name = _SESSION + keyed.__qualname__
        functools.update_wrapper(self, fn)

    def key(self, ds: Dataset, *args: P.args, **kwargs: P.kwargs) -> tuple:
        """What identifies a result: the dataset's key, the language and every argument not named « _… »."""
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        keyed = tuple((name, value) for name, value in bound.arguments.items() if not name.startswith("_"))
        return (ds.key, i18n.language(), keyed)

    def __call__(self, ds: Dataset, *args: P.args, **kwargs: P.kwargs) -> R:
        if not ds.imported:
            return self.shared(ds.key, i18n.language(), *args, **kwargs)
        if not self.session_entries:
            return self.compute(*args, **kwargs)
        # NOTE: this session's own store: another visitor can never be served it.
        store: OrderedDict[tuple, R] = st.session_state.setdefault(self._session_name, OrderedDict())
        key = self.key(ds, *args, **kwargs)
        if key in store:
            store.move_to_end(key)
            return store[key]
        result = self.compute(*args, **kwargs)
        store[key] = result
        while len(store) > self.session_entries:
            store.popitem(last=False)
        return result


def per_dataset(
    *,
    max_entries: int,
    copies: bool = False,
    ttl: float | None = None,
    show_spinner: bool | str = False,
    session_entries: int = 0,
) -> Callable[[Callable[P, R]], PerDataset[P, R]]:
    """Decorator: the caching rule for one page computation.

    ``max_entries`` bounds the shared cache (and ``ttl``, seconds, ages it); ``copies=True`` uses
    ``st.cache_data`` (each caller gets its own copy; for small results a page may change) instead
    of ``st.cache_resource`` (one shared object, read-only for the pages); ``session_entries``
    keeps that many results of an imported dataset in the session (0: computed on each call).
    """

    def decorate(fn: Callable[P, R]) -> PerDataset[P, R]:
        return PerDataset(
            fn,
            max_entries=max_entries,
            copies=copies,
            ttl=ttl,
            show_spinner=show_spinner,
            session_entries=session_entries,
        )

    return decorate
