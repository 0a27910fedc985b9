//! Property-style tests of `route`: random histories and a simulated worker.

use super::*;
use crate::test_support::Rng;
use crate::time::parse_utc;
use chrono::TimeDelta;

const NOW: &str = "2026-11-29T10:00:00Z";

const OUTCOMES: [Outcome; 11] = [
    Outcome::Accepted,
    Outcome::Delivered,
    Outcome::Read,
    Outcome::RejectedChannel,
    Outcome::Invalid,
    Outcome::Transient,
    Outcome::Throttled,
    Outcome::Failed,
    Outcome::Expired,
    Outcome::Unauthorized,
    Outcome::NoBalance,
];

fn random_input(rng: &mut Rng) -> RouteInput {
    let routing = *rng
        .pick(&[Routing::Sms, Routing::Viber, Routing::Viber2sms])
        .unwrap();
    let now = parse_utc(NOW).unwrap();
    let attempts = (0..rng.below(9))
        .map(|_| Attempt {
            channel: *rng.pick(&[Channel::Sms, Channel::Viber]).unwrap(),
            outcome: *rng.pick(&OUTCOMES).unwrap(),
            at: now - TimeDelta::seconds(rng.below(4000) as i64)
                + TimeDelta::seconds(rng.below(100) as i64),
            retry_after: rng.chance(30).then(|| rng.below(20_000) as u64),
        })
        .collect();
    let policy = if rng.chance(50) {
        Policy::default()
    } else {
        Policy {
            backoff_s: (0..rng.below(4)).map(|_| rng.below(5000) as u64).collect(),
            max_tries: rng.below(4) as u32,
            fallback_after_s: rng.below(2000) as u64,
        }
    };
    let resumed_at = rng
        .chance(20)
        .then(|| now - TimeDelta::seconds(rng.below(3000) as i64));
    RouteInput {
        routing,
        attempts,
        now,
        policy,
        resumed_at,
    }
}

/// Tries on `channel` as the issue counts them (hold outcomes excluded).
fn tries_on(input: &RouteInput, channel: Channel) -> u32 {
    let counted = [
        Outcome::Accepted,
        Outcome::RejectedChannel,
        Outcome::Invalid,
        Outcome::Transient,
        Outcome::Throttled,
    ];
    input
        .attempts
        .iter()
        .filter(|a| a.channel == channel && counted.contains(&a.outcome))
        .count() as u32
}

/// Random histories: a `send` names a channel of the routing option, on which
/// nothing was accepted and fewer than `max_tries` tries were made; `at` and
/// `until` are never before `now`.
#[test]
fn property_actions_respect_routing_tries_and_time() {
    let mut rng = Rng::new(0x0_5EED_0004);
    for _ in 0..50_000 {
        let input = random_input(&mut rng);
        match decide(&input) {
            RouteAction::Send { channel, at } => {
                assert!(input.routing.channels().contains(&channel), "{input:?}");
                assert!(at >= input.now, "{input:?}");
                assert!(
                    tries_on(&input, channel) < input.policy.max_tries,
                    "{input:?}"
                );
                assert!(
                    !input
                        .attempts
                        .iter()
                        .any(|a| a.channel == channel && a.outcome == Outcome::Accepted),
                    "{input:?}"
                );
            }
            RouteAction::AwaitStatus { until } => assert!(until > input.now, "{input:?}"),
            RouteAction::Done { .. } | RouteAction::Hold { .. } | RouteAction::GiveUp { .. } => {}
        }
    }
}

/// Driving a message from nothing, as the worker does, with a random provider:
/// it always ends (done or give_up) and never sends more than `max_tries`
/// times on a channel.
#[test]
fn property_a_worker_loop_ends_within_the_policy() {
    let mut rng = Rng::new(0x0_5EED_0005);
    for _ in 0..5_000 {
        let routing = *rng
            .pick(&[Routing::Sms, Routing::Viber, Routing::Viber2sms])
            .unwrap();
        let policy = Policy {
            max_tries: 1 + rng.below(5) as u32,
            ..Policy::default()
        };
        let mut input = RouteInput {
            routing,
            attempts: Vec::new(),
            now: parse_utc(NOW).unwrap(),
            policy,
            resumed_at: None,
        };
        let mut sends = [0u32; 2];
        let mut steps = 0;
        loop {
            steps += 1;
            assert!(steps < 100, "{input:?}");
            let outcome = match decide(&input) {
                RouteAction::Send { channel, at } => {
                    sends[channel as usize] += 1;
                    assert!(
                        sends[channel as usize] <= input.policy.max_tries,
                        "{input:?}"
                    );
                    input.now = at;
                    let reply = *rng
                        .pick(&[
                            Outcome::Accepted,
                            Outcome::RejectedChannel,
                            Outcome::Transient,
                            Outcome::Throttled,
                            Outcome::Invalid,
                        ])
                        .unwrap();
                    (channel, reply)
                }
                RouteAction::AwaitStatus { until } => {
                    let channel = Channel::Viber;
                    match rng.below(4) {
                        0 => {
                            input.now = until;
                            continue;
                        }
                        _ => (
                            channel,
                            *rng.pick(&[
                                Outcome::Delivered,
                                Outcome::Read,
                                Outcome::Failed,
                                Outcome::Expired,
                            ])
                            .unwrap(),
                        ),
                    }
                }
                RouteAction::Hold { .. } => unreachable!("this provider never refuses the account"),
                RouteAction::Done { .. } | RouteAction::GiveUp { .. } => break,
            };
            let retry_after = rng.chance(50).then(|| rng.below(600) as u64);
            input.attempts.push(Attempt {
                channel: outcome.0,
                outcome: outcome.1,
                at: input.now,
                retry_after,
            });
        }
    }
}
