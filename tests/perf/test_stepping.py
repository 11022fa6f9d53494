"""The load test measures each step once its users are in, never while a crowd signs in."""

from perf.stepping import StepClock


def clock() -> StepClock:
    started = StepClock(users=[50, 100], seconds=40, settle=20, quiet=5, sign_in_limit=180)
    started.next_step(now=0)
    return started


def test_quick_sign_ins_are_measured_after_the_settling_time_for_the_rest_of_the_step():
    steps = clock()
    assert not steps.start_measuring(now=10, signed_in=50)  # all in, but still settling
    assert steps.start_measuring(now=20, signed_in=50)
    assert not steps.start_measuring(now=21, signed_in=50)  # once only
    assert not steps.step_measured(now=39)
    assert steps.step_measured(now=40)


def test_slow_sign_ins_hold_the_measuring_back_until_every_user_is_in():
    steps = clock()
    assert not steps.start_measuring(now=20, signed_in=30)
    assert not steps.start_measuring(now=60, signed_in=49)
    assert not steps.start_measuring(now=70, signed_in=50)  # the last one just answered
    assert not steps.start_measuring(now=74, signed_in=50)
    assert steps.start_measuring(now=75, signed_in=50)
    assert not steps.step_measured(now=94)
    assert steps.step_measured(now=95)  # a full window of 20 seconds


def test_the_next_step_waits_for_its_own_new_users():
    steps = clock()
    steps.start_measuring(now=20, signed_in=50)
    steps.next_step(now=40)
    assert steps.current_users == 100
    assert not steps.start_measuring(now=60, signed_in=50)  # the first step's users are not enough
    assert not steps.start_measuring(now=61, signed_in=100)
    assert steps.start_measuring(now=66, signed_in=100)
    steps.next_step(now=86)
    assert steps.finished
    assert not steps.start_measuring(now=120, signed_in=100)


def test_sign_ins_that_never_answer_do_not_stop_the_run():
    steps = clock()
    assert not steps.start_measuring(now=179, signed_in=10)
    assert steps.start_measuring(now=180, signed_in=10)
