//! `route`: given the routing option and everything that happened to a
//! message so far, what to do next. Pure: the host records each send attempt
//! and status event, asks again, and never decides on its own.
//!
//! Channels are tried in the routing option's order — `sms`: SMS; `viber`:
//! Viber; `viber2sms`: Viber, then SMS — and each is judged from its own
//! attempts (see [`verdict`] for one channel's rules). A channel that is
//! finished without delivery hands over to the next one; when there is none:
//! - Viber refused the recipient, the message failed/expired, or the tries
//!   ran out → `give_up` with that reason (`rejected_channel`, `failed`,
//!   `expired`, `tries_exhausted`);
//! - a Viber message accepted under `viber` alone and still without a final
//!   status at `accepted_at + fallback_after_s` → `done{final:"sent"}`: there
//!   is no channel to fall back to, the message did leave, and a later
//!   `delivered`/`read` event still turns it into `done` with that status.
//!
//! Always, whatever the option: a `delivered`/`read` event is `done`; `invalid`
//! is `give_up` (the number, not the channel, is wrong); `unauthorized` and
//! `no_balance` are `hold`.
//!
//! Input details:
//! - Attempts on a channel the routing option does not use are ignored, so a
//!   `send` never names such a channel. Fields other than
//!   `channel/outcome/at/retry_after` (`http_status`, `provider_id`, …) are
//!   ignored too.
//! - `retry_after` is seconds (a fraction rounds up; negative reads as 0).
//! - Policy fields that are missing or `null` take the defaults
//!   (`backoff_s [30,120,600,1800,7200]`, `max_tries 5`, `fallback_after_s
//!   600`); delays are capped at one year.
//! - `resumed_at` (optional, an extension of the DESIGN contract): the time
//!   the host released the queue after a hold. `unauthorized`/`no_balance`
//!   attempts at or before it are cleared, so the message is tried again;
//!   without it, a hold outcome that is still the latest keeps holding.

mod verdict;

use crate::time;
use crate::CoreError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use verdict::{verdict, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Viber,
}

/// The shop's routing option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    Sms,
    Viber,
    Viber2sms,
}

impl Routing {
    /// The channels this option uses, in the order they are tried.
    pub fn channels(self) -> &'static [Channel] {
        match self {
            Routing::Sms => &[Channel::Sms],
            Routing::Viber => &[Channel::Viber],
            Routing::Viber2sms => &[Channel::Viber, Channel::Sms],
        }
    }
}

/// What a send attempt returned, or what a later status event said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Accepted,
    Delivered,
    Read,
    RejectedChannel,
    Invalid,
    Transient,
    Throttled,
    Failed,
    Expired,
    Unauthorized,
    NoBalance,
}

/// One recorded send attempt or status event.
#[derive(Debug, Clone, Deserialize)]
pub struct Attempt {
    pub channel: Channel,
    pub outcome: Outcome,
    #[serde(with = "time::rfc3339")]
    pub at: DateTime<Utc>,
    #[serde(default, deserialize_with = "seconds")]
    pub retry_after: Option<u64>,
}

/// Retry and fallback timing; see the module doc for the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "PolicyFields")]
pub struct Policy {
    pub backoff_s: Vec<u64>,
    pub max_tries: u32,
    pub fallback_after_s: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            backoff_s: vec![30, 120, 600, 1800, 7200],
            max_tries: 5,
            fallback_after_s: 600,
        }
    }
}

impl Policy {
    /// The wait before try number `tries + 1`, after `tries` failed ones:
    /// the backoff list's entry, its last entry once the list runs out.
    pub fn backoff_after(&self, tries: u32) -> u64 {
        let index = usize::try_from(tries.saturating_sub(1)).unwrap_or(usize::MAX);
        self.backoff_s
            .get(index)
            .or(self.backoff_s.last())
            .copied()
            .unwrap_or(0)
    }
}

#[derive(Deserialize)]
struct PolicyFields {
    #[serde(default)]
    backoff_s: Option<Vec<u64>>,
    #[serde(default)]
    max_tries: Option<u32>,
    #[serde(default)]
    fallback_after_s: Option<u64>,
}

impl From<PolicyFields> for Policy {
    fn from(fields: PolicyFields) -> Self {
        let defaults = Policy::default();
        Policy {
            backoff_s: fields.backoff_s.unwrap_or(defaults.backoff_s),
            max_tries: fields.max_tries.unwrap_or(defaults.max_tries),
            fallback_after_s: fields.fallback_after_s.unwrap_or(defaults.fallback_after_s),
        }
    }
}

/// `route`'s input: attempts oldest first.
#[derive(Debug, Clone, Deserialize)]
pub struct RouteInput {
    pub routing: Routing,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub attempts: Vec<Attempt>,
    #[serde(with = "time::rfc3339")]
    pub now: DateTime<Utc>,
    #[serde(default, deserialize_with = "null_as_default_policy")]
    pub policy: Policy,
    #[serde(default, deserialize_with = "time::rfc3339::option::deserialize")]
    pub resumed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FinalStatus {
    Sent,
    Delivered,
    Read,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    Unauthorized,
    NoBalance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GiveUpReason {
    Invalid,
    RejectedChannel,
    Failed,
    Expired,
    TriesExhausted,
}

/// The next action, serialised flat and tagged by `action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RouteAction {
    Send {
        channel: Channel,
        #[serde(with = "time::rfc3339")]
        at: DateTime<Utc>,
    },
    AwaitStatus {
        #[serde(with = "time::rfc3339")]
        until: DateTime<Utc>,
    },
    Done {
        #[serde(rename = "final")]
        final_status: FinalStatus,
    },
    Hold {
        reason: HoldReason,
    },
    GiveUp {
        reason: GiveUpReason,
    },
}

/// The next action for a message (module doc).
pub fn decide(input: &RouteInput) -> RouteAction {
    let channels = input.routing.channels();
    let mut handed_over = None;
    for (index, &channel) in channels.iter().enumerate() {
        let is_last = index + 1 == channels.len();
        let attempts: Vec<&Attempt> = input
            .attempts
            .iter()
            .filter(|a| a.channel == channel)
            .collect();
        match verdict(channel, &attempts, input) {
            Verdict::Act(action) => return action,
            Verdict::TimedOut if is_last => {
                return RouteAction::Done {
                    final_status: FinalStatus::Sent,
                }
            }
            Verdict::Finished(reason) if is_last => return RouteAction::GiveUp { reason },
            Verdict::TimedOut => {}
            Verdict::Finished(reason) => handed_over = Some(reason),
        }
    }
    // Unreachable with a non-empty channel list: the last channel returns.
    RouteAction::GiveUp {
        reason: handed_over.unwrap_or(GiveUpReason::TriesExhausted),
    }
}

/// `route`: `{routing, attempts[], now, policy, resumed_at?}` → the action.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: RouteInput = serde_json::from_value(input)?;
    Ok(serde_json::to_value(decide(&input))?)
}

/// Seconds as any JSON number (or `null`): fractions round up, negatives are 0.
fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = Option::<f64>::deserialize(deserializer)?;
    // `as` saturates for floats: NaN → 0, huge → u64::MAX (capped later).
    Ok(value.map(|seconds| seconds.max(0.0).ceil() as u64))
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Attempt>, D::Error> {
    Ok(Option::<Vec<Attempt>>::deserialize(deserializer)?.unwrap_or_default())
}

fn null_as_default_policy<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Policy, D::Error> {
    Ok(Option::<Policy>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
