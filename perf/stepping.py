"""When each step of the load test is measured: the clock behind `locustfile.Steps`.

Plain Python, so that the locust process imports it without Django and the tests drive it
with a clock of their own.

Users join a step over some seconds and each signs in first, which hashes a password: slowly,
on purpose. With many users joining at once, their sign-ins can outlast any fixed settling
time, and a step measured while they are still signing in measures the crowd signing in, not
the pages. So a step is measured for `seconds - settle` seconds, starting `settle` seconds
after the step began or `quiet` seconds after its last user signed in, whichever is later.
"""

from dataclasses import dataclass

# Seconds a step waits for its sign-ins at most: it is measured anyway if some never answer.
SIGN_IN_LIMIT = 180


@dataclass
class StepClock:
    users: list[int]  # the total number of users in each step
    seconds: float  # a step's length when its sign-ins take no longer than `settle`
    settle: float  # seconds from a step's start before it may be measured
    quiet: float = 5  # seconds after the last sign-in, for the requests it held up to clear
    sign_in_limit: float = SIGN_IN_LIMIT
    step: int = -1
    started: float = 0.0
    all_signed_in: float = 0.0
    measuring_since: float = 0.0

    @property
    def window(self) -> float:
        return self.seconds - self.settle

    @property
    def finished(self) -> bool:
        return self.step >= len(self.users)

    @property
    def current_users(self) -> int:
        return self.users[self.step]

    def step_measured(self, now: float) -> bool:
        """Whether the current step has been measured for its whole window."""
        return bool(self.measuring_since) and now - self.measuring_since >= self.window

    def next_step(self, now: float) -> None:
        self.step += 1
        self.started, self.all_signed_in, self.measuring_since = now, 0.0, 0.0

    def start_measuring(self, now: float, signed_in: int) -> bool:
        """True once, at the moment the current step's measuring begins; `signed_in` counts the
        sign-ins answered since the run began."""
        if self.measuring_since or self.finished:
            return False
        if not self.all_signed_in and signed_in >= self.current_users:
            self.all_signed_in = now
        since_start = now - self.started
        quiet = bool(self.all_signed_in) and now - self.all_signed_in >= self.quiet
        if since_start >= self.settle and (quiet or since_start >= self.sign_in_limit):
            self.measuring_since = now
            return True
        return False
