//! One channel's state, from that channel's attempts alone.
//!
//! - A `read` or `delivered` event → done with that status (`read` wins).
//! - A `failed` or `expired` event → the channel is finished with that reason.
//! - Otherwise the latest send attempt decides:
//!   - none yet → send now (unless `max_tries` is 0: finished, tries exhausted);
//!   - `accepted` → SMS: done, `sent`. Viber: await a status until
//!     `accepted_at + fallback_after_s`; from then on (`now >= until`) it has
//!     timed out;
//!   - `rejected_channel` → finished, `rejected_channel`;
//!   - `invalid` → give up, `invalid`;
//!   - `unauthorized` / `no_balance` → hold (unless cleared by `resumed_at`);
//!   - `transient` / `throttled` → when fewer than `max_tries` tries were made,
//!     the same channel again at `last_at + wait`, else finished, tries
//!     exhausted. The wait is the backoff step for the number of tries made;
//!     for `throttled` the server's `retry_after` replaces it (it knows its
//!     own rate window), for `transient` it is the longer of the two.
//!     `at` is never before `now`.
//!
//! A try is a send attempt that reached the provider's decision:
//! `accepted`, `rejected_channel`, `invalid`, `transient`, `throttled`.
//! `unauthorized`/`no_balance` are not tries (the shop's account, not the
//! message, was refused). Nothing is sent on a channel after it accepted the
//! message, so a later `accepted` there is a status echo, not a try.

use super::{
    Attempt, Channel, FinalStatus, GiveUpReason, HoldReason, Outcome, RouteAction, RouteInput,
};
use crate::time::add_seconds;
use chrono::{DateTime, Utc};

pub(super) enum Verdict {
    /// This channel decides the message's next action.
    Act(RouteAction),
    /// Accepted on Viber, no final status, and the fallback timeout passed.
    TimedOut,
    /// Nothing more will happen on this channel; the reason if none follows.
    Finished(GiveUpReason),
}

/// The latest send attempt that still counts.
enum LastSend<'a> {
    Accepted(&'a Attempt),
    Retryable(&'a Attempt),
    RejectedChannel,
    Invalid,
    Held(HoldReason),
}

pub(super) fn verdict(channel: Channel, attempts: &[&Attempt], input: &RouteInput) -> Verdict {
    let has = |outcome: Outcome| attempts.iter().any(|a| a.outcome == outcome);
    if has(Outcome::Read) {
        return done(FinalStatus::Read);
    }
    if has(Outcome::Delivered) {
        return done(FinalStatus::Delivered);
    }
    if has(Outcome::Failed) {
        return Verdict::Finished(GiveUpReason::Failed);
    }
    if has(Outcome::Expired) {
        return Verdict::Finished(GiveUpReason::Expired);
    }
    let (tries, last) = replay(attempts, input.resumed_at);
    let policy = &input.policy;
    match last {
        None if tries < policy.max_tries => send(channel, input.now),
        None => Verdict::Finished(GiveUpReason::TriesExhausted),
        Some(LastSend::Accepted(_)) if channel == Channel::Sms => done(FinalStatus::Sent),
        Some(LastSend::Accepted(accepted)) => {
            let until = add_seconds(accepted.at, policy.fallback_after_s);
            if input.now >= until {
                Verdict::TimedOut
            } else {
                Verdict::Act(RouteAction::AwaitStatus { until })
            }
        }
        Some(LastSend::RejectedChannel) => Verdict::Finished(GiveUpReason::RejectedChannel),
        Some(LastSend::Invalid) => Verdict::Act(RouteAction::GiveUp {
            reason: GiveUpReason::Invalid,
        }),
        Some(LastSend::Held(reason)) => Verdict::Act(RouteAction::Hold { reason }),
        Some(LastSend::Retryable(_)) if tries >= policy.max_tries => {
            Verdict::Finished(GiveUpReason::TriesExhausted)
        }
        Some(LastSend::Retryable(last)) => {
            let backoff = policy.backoff_after(tries);
            let wait = match (last.outcome, last.retry_after) {
                (Outcome::Throttled, Some(retry_after)) => retry_after,
                (_, retry_after) => backoff.max(retry_after.unwrap_or(0)),
            };
            send(channel, add_seconds(last.at, wait).max(input.now))
        }
    }
}

/// The number of tries and the latest send attempt that still counts.
fn replay<'a>(
    attempts: &[&'a Attempt],
    resumed_at: Option<DateTime<Utc>>,
) -> (u32, Option<LastSend<'a>>) {
    let mut tries: u32 = 0;
    let mut last = None;
    for &attempt in attempts {
        if matches!(last, Some(LastSend::Accepted(_))) {
            break;
        }
        let cleared = resumed_at.is_some_and(|resumed| attempt.at <= resumed);
        last = match attempt.outcome {
            Outcome::Unauthorized if cleared => continue,
            Outcome::NoBalance if cleared => continue,
            Outcome::Unauthorized => Some(LastSend::Held(HoldReason::Unauthorized)),
            Outcome::NoBalance => Some(LastSend::Held(HoldReason::NoBalance)),
            Outcome::Delivered | Outcome::Read | Outcome::Failed | Outcome::Expired => continue,
            Outcome::Accepted => Some(LastSend::Accepted(attempt)),
            Outcome::RejectedChannel => Some(LastSend::RejectedChannel),
            Outcome::Invalid => Some(LastSend::Invalid),
            Outcome::Transient | Outcome::Throttled => Some(LastSend::Retryable(attempt)),
        };
        if !matches!(last, Some(LastSend::Held(_))) {
            tries = tries.saturating_add(1);
        }
    }
    (tries, last)
}

fn done(final_status: FinalStatus) -> Verdict {
    Verdict::Act(RouteAction::Done { final_status })
}

fn send(channel: Channel, at: DateTime<Utc>) -> Verdict {
    Verdict::Act(RouteAction::Send { channel, at })
}
