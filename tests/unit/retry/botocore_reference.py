#!/usr/bin/python3
"""Reference numbers for adaptive_rate_limiter_test.cpp, computed by botocore's own classes.

Runs botocore's ClientRateLimiter, TokenBucket, CubicCalculator and RateClocker against a fake
clock, in the scenarios of the C++ tests, and prints what they reached. The C++ tests carry the
same numbers, derived by hand from the formulas; this script is how they were checked:

    /usr/bin/python3 tests/unit/retry/botocore_reference.py
"""
from botocore.retries import adaptive, bucket, throttling


class FakeClock:
    def __init__(self, now):
        self.now = now

    def current_time(self):
        return self.now

    def sleep(self, amount):
        # A wait below the clock's resolution would not move it, and botocore's loop would spin
        # forever on rounding errors; a nanosecond is the C++ clock's resolution anyway.
        self.now += max(amount, 1e-9)


class Detector:
    """Stands in for ThrottlingErrorDetector: the scenarios say which answers are throttles."""

    def is_throttling_error(self, **kwargs):
        return kwargs['throttled']


def make_limiter(created):
    """What botocore's adaptive.register_retry_handler builds, on a fake clock."""
    clock = FakeClock(created)
    token_bucket = bucket.TokenBucket(max_rate=1, clock=clock)
    # The bucket blocks on a condition variable; on a fake clock, waiting is advancing time.
    token_bucket._new_fill_rate_condition.wait = clock.sleep
    limiter = adaptive.ClientRateLimiter(
        rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=created),
        rate_clocker=adaptive.RateClocker(clock),
        token_bucket=token_bucket,
        throttling_detector=Detector(),
        clock=clock,
    )
    return limiter, clock, token_bucket


def respond(limiter, clock, at, throttled):
    clock.now = at
    limiter.on_receiving_response(throttled=throttled)


def send(limiter, clock, at):
    """Returns how long botocore's on_sending_request blocked."""
    clock.now = at
    limiter.on_sending_request(request=None)
    return clock.now - at


def throttle_at_20_per_second():
    """Ten answers in [10.0, 10.5), the tenth a throttle at 10.5."""
    limiter, clock, token_bucket = make_limiter(10.0)
    for i in range(9):
        respond(limiter, clock, 10.0 + 0.05 * i, False)
    respond(limiter, clock, 10.5, True)
    return limiter, clock, token_bucket


def main():
    limiter, clock, token_bucket = throttle_at_20_per_second()
    print('after the throttle: measured %.12g fill %.12g capacity %.12g level %.12g' % (
        limiter._rate_clocker.measured_rate, token_bucket.max_rate,
        token_bucket.max_capacity, token_bucket.available_capacity))
    print('cubic', limiter._rate_adjustor.get_params_snapshot())
    # Four sends queued at 10.5: in botocore each thread sleeps until the previous one got its
    # token; the times the tokens are granted are what the C++ delays must add up to.
    granted = []
    for _ in range(4):
        send(limiter, clock, clock.now)
        granted.append(clock.now - 10.5)
    print('four sends queued at 10.5 got tokens after', ['%.12g' % g for g in granted])

    # Recovery: a client that sends as fast as the limiter allows, every answer a success.
    limiter, clock, token_bucket = throttle_at_20_per_second()
    now = 10.5
    checkpoints = [11.0, 12.0, 12.789428, 13.5, 14.0, 15.0]
    sent = 0
    while checkpoints:
        now += send(limiter, clock, now)
        respond(limiter, clock, now, False)
        sent += 1
        if now >= checkpoints[0]:
            print('recovery: %d sends, at %.12g fill %.12g measured %.12g' % (
                sent, now, token_bucket.max_rate, limiter._rate_clocker.measured_rate))
            checkpoints.pop(0)

    # Minimum fill rate: the first answer, at 4.0, is a throttle.
    limiter, clock, token_bucket = make_limiter(0.0)
    respond(limiter, clock, 4.0, True)
    print('slow throttle: measured %.12g fill %.12g capacity %.12g' % (
        limiter._rate_clocker.measured_rate, token_bucket.max_rate, token_bucket.max_capacity))
    granted = []
    for _ in range(3):
        send(limiter, clock, clock.now)
        granted.append(clock.now - 4.0)
    print('three sends queued at 4.0 got tokens after', ['%.12g' % g for g in granted])


main()
