//! Consent: may this recipient get this kind of message?
//!
//! The rules, first match wins:
//! 1. `test` messages always go (the shop owner testing their own setup).
//! 2. An opted-out recipient gets nothing else → `opted_out`.
//! 3. `order_status` needs `consent.order_updates == true` when the shop has
//!    consent switched on (`settings.consent.enabled`) → else `no_consent`;
//!    unless `settings.consent.required_for_order_updates` is `false` (the
//!    plugin's option to collect consent without gating order updates).
//! 4. `bulk` (marketing) needs `consent.marketing == true` — whatever the
//!    consent switch says, since marketing consent is the law, not a shop
//!    option — unless the bulk audience is `all_not_opted_out` → `no_consent`.
//! 5. `manual` and `back_in_stock` need no checkout consent (the shop writes
//!    to one customer by hand; a back-in-stock subscriber asked for it).
//!
//! `null` or a missing flag means "never asked", which is not consent.
//! The audience is `consented_only` unless it is exactly `all_not_opted_out`:
//! an unknown value falls back to the stricter rule, so a typo in the
//! settings never widens a marketing send.

use crate::CoreError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a message is for; decides which consent it needs (and, in `plan`,
/// whether quiet hours defer it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    OrderStatus,
    Manual,
    Bulk,
    BackInStock,
    Test,
}

impl MessageKind {
    /// The kind named exactly as serde names it (`order_status`, …).
    pub fn from_name(name: &str) -> Option<MessageKind> {
        [
            ("order_status", MessageKind::OrderStatus),
            ("manual", MessageKind::Manual),
            ("bulk", MessageKind::Bulk),
            ("back_in_stock", MessageKind::BackInStock),
            ("test", MessageKind::Test),
        ]
        .into_iter()
        .find(|(known, _)| crate::text_eq::text_eq(known, name))
        .map(|(_, kind)| kind)
    }
}

/// The shop's consent settings (`settings.consent`); other fields of that
/// object (checkbox text, …) are ignored here.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct ConsentSettings {
    /// The consent switch: checkout asks for consent.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The plugin's option to ask at checkout without making order updates
    /// depend on the answer: `false` lifts rule 3; missing or `null` keeps it.
    #[serde(default)]
    pub required_for_order_updates: Option<bool>,
}

impl ConsentSettings {
    pub fn is_enabled(&self) -> bool {
        self.enabled == Some(true)
    }

    /// Whether order-status messages need `order_updates: true`.
    pub fn order_updates_need_consent(&self) -> bool {
        self.is_enabled() && self.required_for_order_updates != Some(false)
    }
}

/// The consent facts about one recipient; other fields of the recipient
/// object (phone, country, …) are ignored here.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct Recipient {
    #[serde(default)]
    pub opted_out: Option<bool>,
    #[serde(default)]
    pub consent: Option<ConsentFlags>,
}

/// Checkout consent as stored: `true`, `false`, or `null` (never asked).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct ConsentFlags {
    #[serde(default)]
    pub order_updates: Option<bool>,
    #[serde(default)]
    pub marketing: Option<bool>,
}

/// Who a bulk send reaches.
pub const AUDIENCE_ALL_NOT_OPTED_OUT: &str = "all_not_opted_out";
/// The default bulk audience: recipients who gave marketing consent.
pub const AUDIENCE_CONSENTED_ONLY: &str = "consented_only";

/// The verdict: `reason` is `opted_out` or `no_consent` when not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ConsentDecision {
    pub allowed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

impl ConsentDecision {
    const ALLOWED: ConsentDecision = ConsentDecision {
        allowed: true,
        reason: None,
    };

    fn refused(reason: &'static str) -> Self {
        ConsentDecision {
            allowed: false,
            reason: Some(reason),
        }
    }
}

/// Applies the rules of the module doc.
pub fn check(
    kind: MessageKind,
    settings: &ConsentSettings,
    audience: Option<&str>,
    recipient: &Recipient,
) -> ConsentDecision {
    if kind == MessageKind::Test {
        return ConsentDecision::ALLOWED;
    }
    if recipient.opted_out == Some(true) {
        return ConsentDecision::refused("opted_out");
    }
    let flags = recipient.consent.unwrap_or_default();
    let consented = match kind {
        MessageKind::OrderStatus => {
            !settings.order_updates_need_consent() || flags.order_updates == Some(true)
        }
        MessageKind::Bulk => {
            audience == Some(AUDIENCE_ALL_NOT_OPTED_OUT) || flags.marketing == Some(true)
        }
        MessageKind::Manual | MessageKind::BackInStock | MessageKind::Test => true,
    };
    if consented {
        ConsentDecision::ALLOWED
    } else {
        ConsentDecision::refused("no_consent")
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn kind_names_are_the_serde_names() {
        for name in [
            "order_status",
            "manual",
            "bulk",
            "back_in_stock",
            "test",
            "Test",
            "",
            "bulk ",
        ] {
            let serde: Option<MessageKind> = serde_json::from_value(serde_json::json!(name)).ok();
            assert_eq!(MessageKind::from_name(name), serde, "{name:?}");
        }
    }
}

#[derive(Deserialize)]
struct ConsentInput {
    kind: MessageKind,
    #[serde(default)]
    settings: Option<OpSettings>,
    #[serde(default)]
    recipient: Option<Recipient>,
}

/// `settings` as `plan` takes it: `{consent:{enabled}, audience?}`.
#[derive(Default, Deserialize)]
struct OpSettings {
    #[serde(default)]
    consent: Option<ConsentSettings>,
    #[serde(default)]
    audience: Option<String>,
}

/// `consent`: `{kind, settings, recipient}` → `{allowed, reason?}`.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: ConsentInput = serde_json::from_value(input)?;
    let settings = input.settings.unwrap_or_default();
    let decision = check(
        input.kind,
        &settings.consent.unwrap_or_default(),
        settings.audience.as_deref(),
        &input.recipient.unwrap_or_default(),
    );
    Ok(serde_json::to_value(decision)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const KINDS: [MessageKind; 5] = [
        MessageKind::OrderStatus,
        MessageKind::Manual,
        MessageKind::Bulk,
        MessageKind::BackInStock,
        MessageKind::Test,
    ];
    const FLAGS: [Option<bool>; 3] = [None, Some(false), Some(true)];

    fn recipient(
        opted_out: Option<bool>,
        order_updates: Option<bool>,
        marketing: Option<bool>,
    ) -> Recipient {
        Recipient {
            opted_out,
            consent: Some(ConsentFlags {
                order_updates,
                marketing,
            }),
        }
    }

    fn settings(
        enabled: Option<bool>,
        required_for_order_updates: Option<bool>,
    ) -> ConsentSettings {
        ConsentSettings {
            enabled,
            required_for_order_updates,
        }
    }

    fn on() -> ConsentSettings {
        settings(Some(true), None)
    }

    #[test]
    fn opted_out_gets_only_test_messages() {
        let out = recipient(Some(true), Some(true), Some(true));
        for kind in KINDS {
            let decision = check(kind, &on(), Some(AUDIENCE_ALL_NOT_OPTED_OUT), &out);
            assert_eq!(decision.allowed, kind == MessageKind::Test, "{kind:?}");
            if kind != MessageKind::Test {
                assert_eq!(decision.reason, Some("opted_out"));
            }
        }
    }

    #[test]
    fn order_updates_need_consent_only_when_switched_on_and_required() {
        for flag in FLAGS {
            let who = recipient(Some(false), flag, None);
            for required in [None, Some(true)] {
                let decision = check(
                    MessageKind::OrderStatus,
                    &settings(Some(true), required),
                    None,
                    &who,
                );
                assert_eq!(decision.allowed, flag == Some(true), "{flag:?}");
                assert_eq!(
                    decision.reason,
                    (flag != Some(true)).then_some("no_consent")
                );
            }
            for relaxed in [
                settings(None, None),
                settings(Some(false), Some(true)),
                settings(Some(true), Some(false)),
            ] {
                assert!(
                    check(MessageKind::OrderStatus, &relaxed, None, &who).allowed,
                    "{relaxed:?}"
                );
            }
        }
    }

    #[test]
    fn bulk_follows_the_audience_rule() {
        for flag in FLAGS {
            let who = recipient(None, Some(true), flag);
            for settings in [on(), ConsentSettings::default()] {
                assert_eq!(
                    check(MessageKind::Bulk, &settings, None, &who).allowed,
                    flag == Some(true)
                );
                assert_eq!(
                    check(
                        MessageKind::Bulk,
                        &settings,
                        Some(AUDIENCE_CONSENTED_ONLY),
                        &who
                    )
                    .allowed,
                    flag == Some(true)
                );
                assert_eq!(
                    check(MessageKind::Bulk, &settings, Some("everyone"), &who).allowed,
                    flag == Some(true),
                    "unknown audience is strict"
                );
                assert!(
                    check(
                        MessageKind::Bulk,
                        &settings,
                        Some(AUDIENCE_ALL_NOT_OPTED_OUT),
                        &who
                    )
                    .allowed
                );
            }
        }
    }

    #[test]
    fn manual_back_in_stock_and_test_need_no_checkout_consent() {
        let never_asked = Recipient::default();
        for kind in [
            MessageKind::Manual,
            MessageKind::BackInStock,
            MessageKind::Test,
        ] {
            assert_eq!(
                check(kind, &on(), None, &never_asked),
                ConsentDecision::ALLOWED
            );
            assert!(
                check(
                    kind,
                    &on(),
                    None,
                    &recipient(Some(false), Some(false), Some(false))
                )
                .allowed
            );
        }
    }

    /// Every combination: refusals always carry a reason, allowances never do,
    /// and only `test` ever reaches an opted-out recipient.
    #[test]
    fn property_every_combination_is_consistent() {
        for kind in KINDS {
            for opted_out in FLAGS {
                for order_updates in FLAGS {
                    for marketing in FLAGS {
                        for enabled in FLAGS {
                            for audience in [
                                None,
                                Some(AUDIENCE_ALL_NOT_OPTED_OUT),
                                Some(AUDIENCE_CONSENTED_ONLY),
                            ] {
                                let who = recipient(opted_out, order_updates, marketing);
                                let decision =
                                    check(kind, &settings(enabled, None), audience, &who);
                                assert_eq!(decision.allowed, decision.reason.is_none());
                                if opted_out == Some(true) && kind != MessageKind::Test {
                                    assert_eq!(decision.reason, Some("opted_out"));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn op_reads_the_plan_shapes_and_nulls() {
        let input = json!({
            "kind": "order_status",
            "settings": {"consent": {"enabled": true, "checkbox_text": "Send me updates"}},
            "recipient": {"phone": "6912345678", "opted_out": null, "consent": {"order_updates": null, "marketing": true}}
        });
        assert_eq!(
            op(input).unwrap(),
            json!({"allowed": false, "reason": "no_consent"})
        );
        let bulk = json!({"kind": "bulk", "settings": {"audience": "all_not_opted_out"}, "recipient": {"consent": null}});
        assert_eq!(op(bulk).unwrap(), json!({"allowed": true}));
        assert_eq!(
            op(json!({"kind": "test"})).unwrap(),
            json!({"allowed": true})
        );
        assert_eq!(
            op(json!({"kind": "newsletter"})).unwrap_err().code(),
            "bad_request"
        );
        assert_eq!(
            op(json!({"kind": "bulk", "recipient": {"opted_out": "yes"}}))
                .unwrap_err()
                .code(),
            "bad_request"
        );
    }
}
