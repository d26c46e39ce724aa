"""Background jobs: a small thread pool runs long model runs; the database holds their state.

Status moves queued -> running -> done | failed | cancelled. A server that stops while a
job is queued or running leaves it 'interrupted' at the next start (``Store.mark_interrupted``).
"""

from __future__ import annotations

import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from europillar.errors import InputError
from europillar.web.runners import RUNNERS, JobCancelled
from europillar.web.storage.store import ACTIVE, Job, Store, now


class JobManager:
    """Starts, tracks and cancels jobs; progress is written to the store as it happens."""

    def __init__(self, store: Store, workers: int = 1) -> None:
        self.store = store
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="europillar-job")
        self.cancel_flags: dict[int, threading.Event] = {}
        self.lock = threading.Lock()

    def submit(self, kind: str, scenario_id: int, params: dict[str, Any]) -> Job:
        job = self.store.create_job(kind, scenario_id, params)
        with self.lock:
            self.cancel_flags[job.id] = threading.Event()
        self.pool.submit(self._run, job.id)
        return job

    def cancel(self, job_id: int) -> bool:
        """Cancel a queued job at once, a running one at its next progress report."""
        with self.lock:
            flag = self.cancel_flags.get(job_id)
        if flag is not None:
            flag.set()
        return self.store.set_job(
            job_id,
            only_if=ACTIVE,
            status="cancelled",
            message="cancelled by the user",
            finished_at=now(),
        )

    def shutdown(self) -> None:
        with self.lock:
            for flag in self.cancel_flags.values():
                flag.set()
        self.pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job_id: int) -> None:
        flag = self.cancel_flags.get(job_id) or threading.Event()
        try:
            if flag.is_set() or not self.store.set_job(
                job_id, only_if=("queued",), status="running", started_at=now(), message="starting"
            ):
                return
            job = self.store.get_job(job_id)
            saved = self.store.get_scenario(job.scenario_id) if job else None
            if job is None or saved is None:
                return
            from europillar.scenario import scenario_from_dict

            scenario = scenario_from_dict(saved.body, file=f"scenario '{saved.name}'")
            last = [0.0]

            def progress(fraction: float, message: str) -> None:
                if flag.is_set():
                    raise JobCancelled
                if fraction - last[0] >= 0.01 or fraction == 0.0:
                    last[0] = fraction
                    self.store.set_job(
                        job_id, only_if=("running",), progress=float(fraction), message=message
                    )

            output = RUNNERS[job.kind](scenario, job.params, progress)
            if flag.is_set():
                return
            self.store.finish_job(job_id, output.frames, output.meta)
        except JobCancelled:
            return
        except InputError as exc:
            self._fail(job_id, str(exc))
        except Exception as exc:
            self._fail(job_id, f"{type(exc).__name__}: {exc}")
            traceback.print_exc()
        finally:
            with self.lock:
                self.cancel_flags.pop(job_id, None)

    def _fail(self, job_id: int, message: str) -> None:
        self.store.set_job(
            job_id, only_if=("running",), status="failed", message=message, finished_at=now()
        )
